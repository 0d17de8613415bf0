// SPDX-License-Identifier: GPL-3.0-or-later
// The steps many trunk tests take to get a call where the test begins: a pilot call rung,
// answered and playing, or a caller answered and waiting (with music) for a second leg.
#pragma once

#include <cstdint>
#include <string>

#include <portier/kind/trunk.h>

#include "trunk_rig.h"

namespace trunktest {

// Whether the trunk reported a call event of `type` for `call_id`.
bool saw(Trunk &trunk, std::uint16_t type, const std::string &call_id);

// The first incoming call (CHECKed to be for the pilot) is rung, answered and plays `media` in
// a loop (correlations 1, 2, 3, each CHECKed OK); its INCOMING event.
portier_trunk_incoming_event answer_first(Trunk &trunk, const char *media);

// A caller waiting for a second leg: `caller` dials the pilot at 127.0.0.1:`sip_port`, the
// engine answers (correlation 1), the caller ACKs the 200 and, given `music`, hears it in a
// loop (correlation 2). The caller's call id.
std::string waiting_caller(Trunk &trunk, RawUa &caller, std::uint16_t sip_port, const char *music = nullptr);

}  // namespace trunktest
