// SPDX-License-Identifier: GPL-3.0-or-later
// A cheap guard before a JSON parse: how deeply the text nests arrays and objects, counted
// without parsing, so that hostile input ("[[[[...") is refused before it costs anything.
#pragma once

#include <cstddef>
#include <string_view>

namespace portier::web {

// True when no bracket nests deeper than `max_depth` (brackets inside strings do not count).
// Says nothing about whether the text is valid JSON.
bool nesting_within(std::string_view text, std::size_t max_depth);

}  // namespace portier::web
