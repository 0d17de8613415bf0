// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/runtime/callback_numbers.h"

namespace portier::engine {

namespace {

constexpr std::size_t kMaxDigits = 18;  // fits std::uint64_t with room for the index

std::optional<std::uint64_t> digits_of(const std::string &number) {
   if (number.size() < 2 || number.size() > kMaxDigits + 1 || number[0] != '+') return std::nullopt;
   std::uint64_t value = 0;
   for (std::size_t i = 1; i < number.size(); ++i) {
      if (number[i] < '0' || number[i] > '9') return std::nullopt;
      value = value * 10 + static_cast<std::uint64_t>(number[i] - '0');
   }
   return value;
}

}  // namespace

std::optional<std::string> number_in_range(const NumberRange &range, std::uint64_t index) {
   const std::optional<std::uint64_t> first = digits_of(range.first);
   const std::optional<std::uint64_t> last = digits_of(range.last);
   if (!first || !last || range.first.size() != range.last.size() || *last < *first) return std::nullopt;
   if (index > *last - *first) return std::nullopt;
   std::string digits = std::to_string(*first + index);
   const std::size_t width = range.first.size() - 1;
   if (digits.size() > width) return std::nullopt;
   // Appended piece by piece: g++ 12 at -O3 warns falsely (-Wrestrict) on "+" + std::string(...).
   std::string number;
   number.reserve(width + 1);
   number.push_back('+');
   number.append(width - digits.size(), '0');
   number += digits;
   return number;
}

}  // namespace portier::engine
