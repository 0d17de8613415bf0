// SPDX-License-Identifier: GPL-3.0-or-later
// Trunk event records (PORTIER_SPACE_TRUNK) turned into engine input: INCOMING, ANSWERED,
// ENDED, MEDIA_DONE, CONNECTED go to the engine, RESULT to the adapter; PROGRESS, DTMF, HOLD and
// CHANNELS are not used by the engine yet. Records are read only as far as their struct_size
// says, and every string only up to its array's end.
#pragma once

#include <portier/event.h>

#include "engine/host/trunk_adapter.h"
#include "engine/runtime/engine.h"

namespace portier::engine {

enum class TrunkEventUse { engine, adapter, unused, malformed };

TrunkEventUse route_trunk_event(const portier_event_header &ev, Engine &engine, TrunkAdapter &adapter);

}  // namespace portier::engine
