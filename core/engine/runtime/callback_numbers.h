// SPDX-License-Identifier: GPL-3.0-or-later
// The numbers of a CPS number range, one by one: park slots are picked from the callback range.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "engine/model/number_range.h"

namespace portier::engine {

// More slots than this are never scanned, whatever the range says.
inline constexpr std::uint64_t kMaxCallbackSlots = 10000;

// The `index`-th number of `range` (0 is range.first), with the digits of `first`; nullopt past
// the end, or when `first` is not '+' followed by 1..18 digits.
std::optional<std::string> number_in_range(const NumberRange &range, std::uint64_t index);

}  // namespace portier::engine
