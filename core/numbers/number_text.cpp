// SPDX-License-Identifier: GPL-3.0-or-later
#include "numbers/number_text.h"

#include <cstdio>

namespace portier::numbers {

namespace {

bool is_separator(char c) { return c == ' ' || c == '\t' || c == '-' || c == '.' || c == '/'; }

// A character as it can be shown in a message: itself, or \xNN for bytes that are not printable.
std::string shown(char c) {
   const auto byte = static_cast<unsigned char>(c);
   if (byte >= 0x20 && byte < 0x7f) return std::string(1, c);
   char hex[8];
   std::snprintf(hex, sizeof hex, "\\x%02X", byte);
   return hex;
}

}  // namespace

NumberResult<NumberText> read_number_text(std::string_view text) {
   if (text.size() > kMaxNumberText)
      return NumberError{"longer than " + std::to_string(kMaxNumberText) + " characters", kMaxNumberText};
   NumberText number;
   number.end = text.size();
   bool open = false;
   std::size_t open_at = 0;
   bool any = false;  // anything but blanks seen
   for (std::size_t i = 0; i < text.size(); ++i) {
      const char c = text[i];
      if (c >= '0' && c <= '9') {
         number.digits.push_back(c);
         number.positions.push_back(i);
      } else if (c == '+') {
         if (any) return NumberError{"'+' may only stand at the start", i};
         number.plus = true;
      } else if (c == '(') {
         if (open) return NumberError{"'(' inside brackets", i};
         open = true;
         open_at = i;
         number.groups.push_back({number.digits.size(), 0});
      } else if (c == ')') {
         if (!open) return NumberError{"')' without '('", i};
         open = false;
         number.groups.back().digit_count = number.digits.size() - number.groups.back().first_digit;
      } else if (!is_separator(c)) {
         return NumberError{"'" + shown(c) + "' is not part of a phone number", i};
      }
      if (c != ' ' && c != '\t') any = true;
   }
   if (open) return NumberError{"'(' without ')'", open_at};
   if (!any) return NumberError{"empty: no number given", 0};
   if (number.digits.empty()) return NumberError{"no digits", number.end};
   return number;
}

NumberText without_bracketed(const NumberText &number, std::string_view digits, std::size_t from) {
   if (digits.empty()) return number;
   NumberText kept = number;
   kept.digits.clear();
   kept.positions.clear();
   kept.groups.clear();
   std::size_t next = 0;  // index into number.digits
   for (const BracketGroup &group : number.groups) {
      const bool drop = group.first_digit >= from &&
                        std::string_view(number.digits).substr(group.first_digit, group.digit_count) == digits;
      if (!drop) continue;
      kept.digits.append(number.digits, next, group.first_digit - next);
      kept.positions.insert(kept.positions.end(), number.positions.begin() + static_cast<std::ptrdiff_t>(next),
                            number.positions.begin() + static_cast<std::ptrdiff_t>(group.first_digit));
      next = group.first_digit + group.digit_count;
   }
   kept.digits.append(number.digits, next);
   kept.positions.insert(kept.positions.end(), number.positions.begin() + static_cast<std::ptrdiff_t>(next),
                         number.positions.end());
   return kept;
}

}  // namespace portier::numbers
