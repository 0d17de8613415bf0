// SPDX-License-Identifier: GPL-3.0-or-later
// The stable names of the engine's states and reasons, as logs and front ends spell them.
#pragma once

#include <string_view>

#include "engine/runtime/call.h"
#include "engine/runtime/engine_events.h"

namespace portier::engine {

std::string_view to_string(EndReason reason);
std::string_view to_string(AttendantState state);
std::string_view to_string(CallPhase phase);
std::string_view to_string(LinkKind link);      // "pbx", "trunk"
std::string_view to_string(LinkHealth health);  // "up", "degraded", "down"

}  // namespace portier::engine
