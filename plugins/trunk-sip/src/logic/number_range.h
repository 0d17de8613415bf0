// SPDX-License-Identifier: GPL-3.0-or-later
// E.164 numbers and ranges of them as the administrator writes them in trunk.sip's settings:
// "+4989700710" (one number), "+4989700710..+4989700719" or "+4989700710..19" (the end's last
// digits replace the start's). Both ends have the same number of digits, so a range is a run of
// consecutive numbers of one length. Bounded: at most 15 digits after '+'.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include <portier/result.hpp>

namespace portier::trunk {

inline constexpr std::size_t kMinE164Digits = 2;
inline constexpr std::size_t kMaxE164Digits = 15;

// '+' then 2..15 digits, nothing else.
bool is_e164(std::string_view text);

struct NumberRange {
   std::string first;  // E.164
   std::string last;   // E.164 with as many digits as `first`, not below it

   std::uint64_t size() const;
   bool contains(std::string_view number) const;
   // "+4989700710" or "+4989700710..+4989700719"
   std::string text() const;
   bool operator==(const NumberRange &) const = default;
};

// Reads the notation above; the error says what is wrong with `text` (not where: the caller
// names the setting).
Result<NumberRange> parse_number_range(std::string_view text);

// The number's place among all E.164 numbers: ordered by digit count, then by value. Numbers of
// one range have consecutive keys. 0 for text that is not E.164.
std::uint64_t e164_key(std::string_view number);

}  // namespace portier::trunk
