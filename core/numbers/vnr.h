// SPDX-License-Identifier: GPL-3.0-or-later
// OpenScape 4000 with Virtual Node Routing: the PBX addresses devices as node code + extension
// ("999993100005"); the node table turns that into E.164 ("+55414052100005") and back.
#pragma once

#include <span>
#include <string>
#include <string_view>

#include "numbers/number_error.h"
#include "numbers/number_plan.h"

namespace portier::numbers {

// The node with an E.164 prefix whose code is the longest at the start of `digits`, with at least
// one digit after it; null when none.
const VnrNode *vnr_node_of(std::span<const VnrNode> nodes, std::string_view digits);

// "999993100005" -> "+55414052100005".
NumberResult<std::string> vnr_to_e164(std::span<const VnrNode> nodes, std::string_view pbx_number);

// "+55414052100005" -> "999993100005": the node whose E.164 prefix is the longest match.
NumberResult<std::string> vnr_from_e164(std::span<const VnrNode> nodes, std::string_view e164);

}  // namespace portier::numbers
