// SPDX-License-Identifier: GPL-3.0-or-later
// The rules of an E.164 number as Portier keeps it: '+' and 2 to 15 digits, the first not 0 (as
// kernel::is_e164 checks configured numbers).
#pragma once

#include <cstddef>
#include <string_view>

namespace portier::numbers {

inline constexpr std::size_t kMinE164Digits = 2;
inline constexpr std::size_t kMaxE164Digits = 15;

bool is_e164(std::string_view number);

// The length of the country code at the start of `digits` (1 to 3), from ITU-T E.164's
// assignments; for display only, conversions never need it.
std::size_t country_code_length(std::string_view digits);

}  // namespace portier::numbers
