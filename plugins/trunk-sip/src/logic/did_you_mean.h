// SPDX-License-Identifier: GPL-3.0-or-later
// The known name closest to a misspelled one, for "unknown key 'regsitrar' (did you mean
// 'registrar'?)".
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace portier::trunk {

// The entry of `known` within a small edit distance of `typed` (a third of its length, at
// least 1, at most 3; swapped neighbours count once; case is ignored), or "" when none is.
std::string closest_name(std::string_view typed, const std::vector<std::string> &known);

}  // namespace portier::trunk
