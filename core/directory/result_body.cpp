// SPDX-License-Identifier: GPL-3.0-or-later
#include "directory/result_body.h"

#include <cstdint>
#include <string>

#include "directory/utf8_check.h"

namespace portier::directory {

namespace {

void append_utf8(std::string &out, std::uint32_t code) {
   if (code < 0x80) {
      out += static_cast<char>(code);
   } else if (code < 0x800) {
      out += static_cast<char>(0xC0 | (code >> 6));
      out += static_cast<char>(0x80 | (code & 0x3F));
   } else {
      out += static_cast<char>(0xE0 | (code >> 12));
      out += static_cast<char>(0x80 | ((code >> 6) & 0x3F));
      out += static_cast<char>(0x80 | (code & 0x3F));
   }
}

// A cursor over one body. Every method returns false on a text it does not expect; no recursion
// (the shape is at most two arrays deep).
class BodyReader {
public:
   explicit BodyReader(std::string_view body)
       : p_(reinterpret_cast<const unsigned char *>(body.data())), end_(p_ + body.size()) {}

   bool at_end() {
      skip_space();
      return p_ == end_;
   }

   // The next non-space byte is `c`: consumed.
   bool take(char c) {
      skip_space();
      if (p_ == end_ || *p_ != c) return false;
      ++p_;
      return true;
   }

   bool peek(char c) {
      skip_space();
      return p_ != end_ && *p_ == c;
   }

   // A key: the writer's are short ASCII without escapes.
   bool key(std::string_view &out) {
      if (!take('"')) return false;
      const unsigned char *start = p_;
      while (p_ != end_ && *p_ != '"') {
         if (*p_ == '\\' || *p_ < 0x20 || *p_ >= 0x80) return false;
         ++p_;
      }
      if (p_ == end_) return false;
      out = std::string_view(reinterpret_cast<const char *>(start), static_cast<std::size_t>(p_ - start));
      ++p_;
      return take(':');
   }

   // A JSON string into `out` (replacing it). The common string without escapes is one assign.
   bool string(std::string &out) { return string_into(&out); }
   // A string the result does not show: checked, not copied.
   bool skip_string() { return string_into(nullptr); }

private:
   bool string_into(std::string *out) {
      if (!take('"')) return false;
      const unsigned char *start = p_;
      while (p_ != end_ && *p_ != '"' && *p_ != '\\') {
         if (*p_ < 0x20) return false;
         if (*p_ < 0x80) {
            ++p_;
            continue;
         }
         const std::size_t length = utf8_sequence(p_, end_);
         if (length == 0) return false;
         p_ += length;
      }
      if (p_ == end_) return false;
      if (out) out->assign(reinterpret_cast<const char *>(start), static_cast<std::size_t>(p_ - start));
      if (*p_ == '"') {
         ++p_;
         return true;
      }
      return escaped_rest(out);
   }

   void skip_space() {
      while (p_ != end_ && (*p_ == ' ' || *p_ == '\t' || *p_ == '\n' || *p_ == '\r')) ++p_;
   }

   // The rest of a string from its first backslash on; `out` null: checked only.
   bool escaped_rest(std::string *out) {
      while (p_ != end_) {
         const unsigned char c = *p_;
         if (c == '"') {
            ++p_;
            return true;
         }
         if (c < 0x20) return false;
         if (c >= 0x80) {
            const std::size_t length = utf8_sequence(p_, end_);
            if (length == 0) return false;
            if (out) out->append(reinterpret_cast<const char *>(p_), length);
            p_ += length;
            continue;
         }
         ++p_;
         if (c != '\\') {
            if (out) *out += static_cast<char>(c);
            continue;
         }
         if (p_ == end_) return false;
         char plain;
         switch (*p_++) {
            case '"': plain = '"'; break;
            case '\\': plain = '\\'; break;
            case '/': plain = '/'; break;
            case 'b': plain = '\b'; break;
            case 'f': plain = '\f'; break;
            case 'n': plain = '\n'; break;
            case 'r': plain = '\r'; break;
            case 't': plain = '\t'; break;
            case 'u': {
               std::uint32_t code = 0;
               if (!hex4(code)) return false;
               // Surrogate pairs never come from the writer (it keeps UTF-8 as is): left to
               // contact_from_json.
               if (code >= 0xD800 && code <= 0xDFFF) return false;
               if (out) append_utf8(*out, code);
               continue;
            }
            default: return false;
         }
         if (out) *out += plain;
      }
      return false;
   }

   bool hex4(std::uint32_t &code) {
      if (end_ - p_ < 4) return false;
      for (int i = 0; i < 4; ++i) {
         const unsigned char c = *p_++;
         std::uint32_t digit;
         if (c >= '0' && c <= '9') digit = c - '0';
         else if (c >= 'a' && c <= 'f') digit = c - 'a' + 10;
         else if (c >= 'A' && c <= 'F') digit = c - 'A' + 10;
         else return false;
         code = code * 16 + digit;
      }
      return true;
   }

   const unsigned char *p_;
   const unsigned char *end_;
};

// "e": [string, ...]
bool read_emails(BodyReader &reader, std::vector<std::string> &emails) {
   emails.clear();
   if (!reader.take('[')) return false;
   if (reader.take(']')) return true;
   do {
      if (!reader.string(emails.emplace_back())) return false;
   } while (reader.take(','));
   return reader.take(']');
}

// "p": [[type, e164, given], ...]; an unknown type is an office number, as contact_from_json has it.
bool read_numbers(BodyReader &reader, std::vector<ContactNumber> &numbers, std::string &scratch) {
   numbers.clear();
   if (!reader.take('[')) return false;
   if (reader.take(']')) return true;
   do {
      ContactNumber &number = numbers.emplace_back();
      if (!reader.take('[') || !reader.string(scratch) || !reader.take(',') || !reader.string(number.e164) ||
          !reader.take(',') || !reader.string(number.given) || !reader.take(']'))
         return false;
      number.type = number_type_named(scratch).value_or(NumberType::office);
   } while (reader.take(','));
   return reader.take(']');
}

}  // namespace

bool read_result_body(std::string_view body, SearchResult &result) {
   BodyReader reader(body);
   std::string scratch;  // a number's type
   ContactName name;
   if (!reader.take('{')) return false;
   if (!reader.peek('}')) {
      do {
         std::string_view key;
         if (!reader.key(key)) return false;
         bool ok;
         if (key == "e") ok = read_emails(reader, result.emails);
         else if (key == "p") ok = read_numbers(reader, result.numbers, scratch);
         else if (key == "g") ok = reader.string(name.given);
         else if (key == "f") ok = reader.string(name.family);
         else if (key == "d") ok = reader.string(name.display);
         else if (key == "c") ok = reader.string(result.company);
         else if (key == "dp") ok = reader.string(result.department);
         else if (key == "l") ok = reader.string(result.location);
         else if (key == "b") ok = reader.string(result.building);
         else if (key == "x") ok = reader.string(result.extension);
         else ok = reader.skip_string();  // cost centre, notes, source, its id, tenant
         if (!ok) return false;
      } while (reader.take(','));
   }
   if (!reader.take('}') || !reader.at_end()) return false;
   result.display_name = name.display.empty() ? display_name_of(name, result.company) : std::move(name.display);
   result.given_name = std::move(name.given);
   result.family_name = std::move(name.family);
   return true;
}

}  // namespace portier::directory
