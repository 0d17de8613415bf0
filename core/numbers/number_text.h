// SPDX-License-Identifier: GPL-3.0-or-later
// Reading a number as people and PBXs write it: an optional leading '+', digits, and the
// separators of display forms (spaces, '-', '.', '/', one level of brackets). Bounded.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "numbers/number_error.h"

namespace portier::numbers {

inline constexpr std::size_t kMaxNumberText = 64;

// A bracketed run of digits, as in "+49 (0)89" or "(089)".
struct BracketGroup {
   std::size_t first_digit = 0;  // index into digits
   std::size_t digit_count = 0;
};

struct NumberText {
   bool plus = false;
   std::string digits;
   std::vector<std::size_t> positions;  // where each digit stands in the text
   std::vector<BracketGroup> groups;
   std::size_t end = 0;                 // the text's length, for errors about what is missing
};

// The digits of `text`, or the first character that cannot be part of a phone number.
NumberResult<NumberText> read_number_text(std::string_view text);

// `number` without the digits of bracket groups that hold exactly `digits` and start at or after
// digit index `from`: the "(0)" of "+49 (0)89 7007-0", which is not dialled from abroad.
NumberText without_bracketed(const NumberText &number, std::string_view digits, std::size_t from);

}  // namespace portier::numbers
