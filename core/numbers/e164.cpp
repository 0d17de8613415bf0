// SPDX-License-Identifier: GPL-3.0-or-later
#include "numbers/e164.h"

#include <algorithm>
#include <array>

namespace portier::numbers {

namespace {

// Zones 1 and 7 are one digit; these are the two-digit codes; every other code has three.
constexpr std::array<std::string_view, 44> kTwoDigitCodes = {
    "20", "27", "30", "31", "32", "33", "34", "36", "39", "40", "41", "43", "44", "45", "46",
    "47", "48", "49", "51", "52", "53", "54", "55", "56", "57", "58", "60", "61", "62", "63",
    "64", "65", "66", "81", "82", "84", "86", "90", "91", "92", "93", "94", "95", "98"};

}  // namespace

bool is_e164(std::string_view number) {
   if (number.size() < 1 + kMinE164Digits || number.size() > 1 + kMaxE164Digits) return false;
   if (number[0] != '+' || number[1] == '0') return false;
   return std::all_of(number.begin() + 1, number.end(), [](char c) { return c >= '0' && c <= '9'; });
}

std::size_t country_code_length(std::string_view digits) {
   if (digits.empty()) return 0;
   if (digits[0] == '1' || digits[0] == '7') return 1;
   if (digits.size() >= 2 &&
       std::find(kTwoDigitCodes.begin(), kTwoDigitCodes.end(), digits.substr(0, 2)) != kTwoDigitCodes.end())
      return 2;
   return std::min<std::size_t>(3, digits.size());
}

}  // namespace portier::numbers
