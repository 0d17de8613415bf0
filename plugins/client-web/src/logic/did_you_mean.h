// SPDX-License-Identifier: GPL-3.0-or-later
// The closest known name to a misspelled one, for settings errors ("did you mean 'listen'?").
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace portier::web {

// The entry of `known` nearest to `typed` by edit distance, if near enough to be a typo (at most
// a third of its length, at least 1); "" otherwise.
std::string closest_name(std::string_view typed, const std::vector<std::string> &known);

}  // namespace portier::web
