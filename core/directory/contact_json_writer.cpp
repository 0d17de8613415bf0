// SPDX-License-Identifier: GPL-3.0-or-later
#include "directory/contact_json_writer.h"

#include <cstdint>
#include <string_view>

#include "directory/utf8_check.h"

namespace portier::directory {

namespace {

class Writer {
public:
   bool ok = true;
   std::string out;

   // One pass both checks the UTF-8 and finds what needs an escape; the bytes between go out in
   // one append each rather than one at a time. Broken UTF-8 clears `ok` (the caller then uses
   // nlohmann), whatever was written.
   void string(std::string_view text) {
      const auto *bytes = reinterpret_cast<const unsigned char *>(text.data());
      out += '"';
      std::size_t plain_from = 0;  // the start of the bytes not yet written
      std::size_t i = 0;
      while (i < text.size()) {
         const unsigned char byte = bytes[i];
         if (byte >= 0x80) {
            const std::size_t length = utf8_sequence(bytes + i, bytes + text.size());
            if (length == 0) {
               ok = false;
               return;
            }
            i += length;
         } else if (byte >= 0x20 && byte != '"' && byte != '\\') {
            ++i;
         } else {
            out.append(text.substr(plain_from, i - plain_from));
            escape(static_cast<char>(byte));
            plain_from = ++i;
         }
      }
      out.append(text.substr(plain_from));
      out += '"';
   }

   // "key": value, for a non-empty text only (as contact_json.cpp's put).
   void field(const char *key, const std::string &value) {
      if (value.empty()) return;
      key_of(key);
      string(value);
   }

   void key_of(const char *key) {
      out += first_ ? '{' : ',';
      first_ = false;
      out += '"';
      out += key;
      out += "\":";
   }

   void close() { out += first_ ? "{}" : "}"; }

private:
   // The quote, the backslash and the control characters, as nlohmann writes them.
   void escape(char ch) {
      static constexpr char kHex[] = "0123456789abcdef";
      switch (ch) {
         case '"': out += "\\\""; break;
         case '\\': out += "\\\\"; break;
         case '\b': out += "\\b"; break;
         case '\f': out += "\\f"; break;
         case '\n': out += "\\n"; break;
         case '\r': out += "\\r"; break;
         case '\t': out += "\\t"; break;
         default:
            out += "\\u00";
            out += kHex[(static_cast<unsigned char>(ch) >> 4) & 15];
            out += kHex[static_cast<unsigned char>(ch) & 15];
      }
   }

   bool first_ = true;
};

}  // namespace

std::optional<std::string> write_contact_json(const Contact &c) {
   Writer w;
   w.out.reserve(256);
   // Keys in byte order, as nlohmann's std::map-backed object dumps them.
   w.field("b", c.building);
   w.field("c", c.company);
   w.field("cc", c.cost_centre);
   w.field("d", c.name.display);
   w.field("dp", c.department);
   if (!c.emails.empty()) {
      w.key_of("e");
      w.out += '[';
      for (std::size_t i = 0; i < c.emails.size(); ++i) {
         if (i) w.out += ',';
         w.string(c.emails[i]);
      }
      w.out += ']';
   }
   w.field("f", c.name.family);
   w.field("g", c.name.given);
   w.field("i", c.source_id);
   w.field("l", c.location);
   w.field("n", c.notes);
   if (!c.numbers.empty()) {
      w.key_of("p");
      w.out += '[';
      for (std::size_t i = 0; i < c.numbers.size(); ++i) {
         if (i) w.out += ',';
         w.out += '[';
         w.string(name_of(c.numbers[i].type));
         w.out += ',';
         w.string(c.numbers[i].e164);
         w.out += ',';
         w.string(c.numbers[i].given);
         w.out += ']';
      }
      w.out += ']';
   }
   w.field("s", c.source);
   if (c.tenant != kEveryTenant) w.field("t", c.tenant);
   w.field("x", c.extension);
   w.close();
   if (!w.ok) return std::nullopt;
   return std::move(w.out);
}

}  // namespace portier::directory
