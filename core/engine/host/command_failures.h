// SPDX-License-Identifier: GPL-3.0-or-later
// What a failed trunk command means to the engine. The engine's commands return nothing, so a
// refusal must come back as an input it already understands, or a call could wait forever:
//   place_call -> the leg ended (the push goes back, a forwarding variant ends the caller);
//   answer     -> the trunk call is ended and the engine told it ended;
//   connect    -> the engine's on_connect_failed: the other side is hung up and the caller goes
//                 back where it was (its queue, the processing queue, parked again, busy tone);
//   play once  -> media done (an announcement variant moves on); looping music only logs;
//   ring, reject, hangup, stop_media, load_media -> logged only (the call is gone or keeps going).
// Runs outside any engine call: the host defers immediate refusals.
#pragma once

#include <string>

#include "engine/host/trunk_adapter.h"
#include "engine/runtime/engine.h"

namespace portier::engine {

void apply_failure(const CommandFailure &failure, Engine &engine, TrunkPort &trunk);

// One log line: "portier-leg-3: place_call failed: NOT_FOUND (404) no route".
std::string describe(const CommandFailure &failure);

}  // namespace portier::engine
