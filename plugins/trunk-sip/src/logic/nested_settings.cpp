// SPDX-License-Identifier: GPL-3.0-or-later
#include "nested_settings.h"

#include <cstdio>

#include <portier/did_you_mean.hpp>

namespace portier::trunk {
namespace {

void append_string(std::string &out, const std::string &text) {
   out.push_back('"');
   for (const char c : text) {
      const auto u = static_cast<unsigned char>(c);
      if (c == '"' || c == '\\') {
         out.push_back('\\');
         out.push_back(c);
      } else if (u < 0x20) {
         char escaped[8];
         std::snprintf(escaped, sizeof escaped, "\\u%04x", static_cast<unsigned>(u));
         out += escaped;
      } else {
         out.push_back(c);
      }
   }
   out.push_back('"');
}

void append(std::string &out, const json::Value &v) {
   switch (v.kind) {
   case json::Kind::null: out += "null"; return;
   case json::Kind::boolean: out += v.boolean ? "true" : "false"; return;
   case json::Kind::number: out += v.text; return;
   case json::Kind::string: append_string(out, v.text); return;
   case json::Kind::array:
      out.push_back('[');
      for (std::size_t i = 0; i < v.items.size(); ++i) {
         if (i > 0) out.push_back(',');
         append(out, v.items[i]);
      }
      out.push_back(']');
      return;
   case json::Kind::object:
      out.push_back('{');
      for (std::size_t i = 0; i < v.keys.size() && i < v.items.size(); ++i) {
         if (i > 0) out.push_back(',');
         append_string(out, v.keys[i]);
         out.push_back(':');
         append(out, v.items[i]);
      }
      out.push_back('}');
      return;
   }
}

}  // namespace

std::string json_text(const json::Value &value) {
   std::string out;
   append(out, value);
   return out;
}

std::optional<Settings> Problems::object(Settings &parent, std::string_view parent_name, std::string_view key) {
   const json::Value *v = parent.get(key);
   if (v == nullptr) return std::nullopt;
   return object(*v, std::string(parent_name) + "." + std::string(key));
}

std::optional<Settings> Problems::object(const json::Value &value, std::string name) {
   if (value.kind != json::Kind::object) {
      add(name + ": expected a mapping, got " + json::describe(value.kind));
      return std::nullopt;
   }
   return Settings(json_text(value), std::move(name));
}

void Problems::collect(const Settings &settings, std::string_view name) {
   for (const std::string &line : settings.problems()) lines_.push_back(line);
   for (const std::string &key : settings.unknown_keys()) {
      std::string line = std::string(name) + ": " + unknown_key_text(key, settings.expected_keys());
      lines_.push_back(std::move(line));
   }
}

Result<void> Problems::finish() const {
   if (lines_.empty()) return ok();
   std::string message;
   for (const std::string &line : lines_) {
      if (!message.empty()) message += "; ";
      message += line;
   }
   return error(PORTIER_ERR_CONFIG, std::move(message));
}

}  // namespace portier::trunk
