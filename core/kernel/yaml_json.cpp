// SPDX-License-Identifier: GPL-3.0-or-later
#include "kernel/yaml_json.h"

#include <charconv>
#include <cmath>
#include <cstdlib>
#include <string>

#include "kernel/yaml_mapping.h"

namespace portier::kernel {

namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }

std::size_t count_digits(std::string_view text, std::size_t from) {
   std::size_t n = 0;
   while (from + n < text.size() && is_digit(text[from + n])) ++n;
   return n;
}

std::optional<nlohmann::json> as_integer(std::string_view text) {
   std::string_view digits = text;
   const bool negative = !digits.empty() && digits.front() == '-';
   if (!digits.empty() && (digits.front() == '-' || digits.front() == '+')) digits.remove_prefix(1);
   if (digits.empty() || count_digits(digits, 0) != digits.size()) return std::nullopt;
   std::uint64_t magnitude = 0;
   const auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), magnitude);
   if (ec != std::errc() || end != digits.data() + digits.size()) return std::nullopt;
   if (!negative) {
      if (magnitude <= static_cast<std::uint64_t>(INT64_MAX))
         return nlohmann::json(static_cast<std::int64_t>(magnitude));
      return nlohmann::json(magnitude);
   }
   if (magnitude <= static_cast<std::uint64_t>(INT64_MAX))
      return nlohmann::json(-static_cast<std::int64_t>(magnitude));
   if (magnitude == static_cast<std::uint64_t>(INT64_MAX) + 1) return nlohmann::json(INT64_MIN);
   return std::nullopt;
}

// [-+]? ( \.[0-9]+ | [0-9]+ ( \.[0-9]* )? ) ( [eE] [-+]? [0-9]+ )?
std::optional<nlohmann::json> as_decimal(std::string_view text) {
   std::size_t i = 0;
   if (i < text.size() && (text[i] == '-' || text[i] == '+')) ++i;
   const std::size_t whole = count_digits(text, i);
   i += whole;
   std::size_t fraction = 0;
   if (i < text.size() && text[i] == '.') {
      fraction = count_digits(text, i + 1);
      i += 1 + fraction;
   }
   if (whole == 0 && fraction == 0) return std::nullopt;
   if (i < text.size() && (text[i] == 'e' || text[i] == 'E')) {
      std::size_t j = i + 1;
      if (j < text.size() && (text[j] == '-' || text[j] == '+')) ++j;
      const std::size_t exponent = count_digits(text, j);
      if (exponent == 0) return std::nullopt;
      i = j + exponent;
   }
   if (i != text.size()) return std::nullopt;
   // strtod needs a terminated string; it accepts a superset of what we checked above.
   const std::string copy(text);
   const double value = std::strtod(copy.c_str(), nullptr);
   if (!std::isfinite(value)) return std::nullopt;  // JSON has no infinity
   return nlohmann::json(value);
}

struct Converter {
   Findings &findings;
   std::string_view what;
   std::size_t values = 0;
   bool failed = false;     // some finding was reported; the walk goes on to report the rest
   bool exhausted = false;  // the value budget is spent; the walk stops

   nlohmann::json convert(const YAML::Node &node, int level) {
      if (exhausted) return nullptr;
      if (++values > kMaxJsonValues) {
         findings.add(node.Mark(), "'" + std::string(what) + "' holds more than " +
                                      std::to_string(kMaxJsonValues) + " values");
         failed = exhausted = true;
         return nullptr;
      }
      switch (node.Type()) {
         case YAML::NodeType::Scalar:
            // A NUL would reach the plugin as \u0000, which the SDK's reader refuses: the
            // administrator learns it here, with a position, instead of from the plugin.
            if (node.Scalar().find('\0') != std::string::npos) {
               findings.add(node.Mark(), "'" + std::string(what) + "' holds a text with a NUL character");
               failed = true;
               return nullptr;
            }
            if (node.Tag() != "?") return node.Scalar();  // quoted or tagged: the text as written
            return plain_scalar_to_json(node.Scalar());
         case YAML::NodeType::Sequence: {
            if (!enter(node, level)) return nullptr;
            nlohmann::json array = nlohmann::json::array();
            for (const YAML::Node &item : node) array.push_back(convert(item, level + 1));
            return array;
         }
         case YAML::NodeType::Map: {
            if (!enter(node, level)) return nullptr;
            nlohmann::json object = nlohmann::json::object();
            const std::size_t before = findings.errors.size();
            for (const YamlEntry &entry : read_any_mapping(node, findings)) {
               if (entry.key.find('\0') != std::string::npos) {  // a key too, for the same reason
                  findings.add(entry.key_node.Mark(), "'" + std::string(what) + "' holds a key with a NUL character");
                  failed = true;
                  continue;
               }
               object[entry.key] = convert(entry.value, level + 1);
            }
            if (findings.errors.size() != before) failed = true;
            return object;
         }
         default: return nullptr;
      }
   }

   bool enter(const YAML::Node &node, int level) {
      if (level <= kMaxJsonDepth) return true;
      findings.add(node.Mark(), "'" + std::string(what) + "' nests deeper than " +
                                   std::to_string(kMaxJsonDepth) + " levels");
      failed = true;
      return false;
   }
};

}  // namespace

nlohmann::json plain_scalar_to_json(std::string_view text) {
   if (text == "~" || text == "null" || text == "Null" || text == "NULL" || text.empty())
      return nullptr;
   if (text == "true" || text == "True" || text == "TRUE") return true;
   if (text == "false" || text == "False" || text == "FALSE") return false;
   if (auto integer = as_integer(text)) return *integer;
   if (auto decimal = as_decimal(text)) return *decimal;
   return std::string(text);
}

std::optional<nlohmann::json> yaml_to_json(const YAML::Node &node, std::string_view what,
                                           Findings &findings) {
   Converter converter{findings, what};
   nlohmann::json result = converter.convert(node, 1);
   if (converter.failed) return std::nullopt;
   return result;
}

}  // namespace portier::kernel
