// SPDX-License-Identifier: GPL-3.0-or-later
// Trunk event records (PORTIER_SPACE_TRUNK) turned into engine input: INCOMING (with its
// diversion), ANSWERED, ENDED, MEDIA_DONE, CONNECTED and CHANNELS go to the engine, RESULT to
// the adapter; PROGRESS, DTMF and HOLD are not used by the engine yet. Records are read only as
// far as their struct_size says, and every string only up to its array's end.
#pragma once

#include <cstdint>
#include <string_view>

#include <portier/event.h>

#include "engine/host/trunk_adapter.h"
#include "engine/runtime/engine.h"

namespace portier::engine {

enum class TrunkEventUse { engine, adapter, unused, malformed };

// The INCOMING record's diversion cause (PORTIER_PBX_FORWARD_*, 0 for none or not given) as the
// engine names it; a cause the SDK does not define is `unknown`. A cause of 0 with a diverting
// number is judged by the engine (diversion_of).
DiversionReason diversion_reason(std::int32_t cause);

// The manual's channel ratio from the trunk plugin's settings (JSON text): its `ratio`, as
// trunk.sip names it, when it is a whole number from 1 to 1000; else kDefaultChannelRatio. The
// CHANNELS record counts all channels; the engine splits them with this ratio, but only for a
// trunk that sends no CHANNEL_SPLIT (which carries the trunk's own processing share).
std::uint32_t channel_ratio_setting(std::string_view settings_json);

TrunkEventUse route_trunk_event(const portier_event_header &ev, Engine &engine, TrunkAdapter &adapter);

}  // namespace portier::engine
