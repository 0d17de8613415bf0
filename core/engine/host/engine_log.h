// SPDX-License-Identifier: GPL-3.0-or-later
// One log line per engine event, starting with the call id (or the attendant), so that every
// state change of a call can be followed with grep.
#pragma once

#include <string>

#include "engine/runtime/engine_events.h"

namespace portier::engine {

std::string describe(const EngineEvent &event);

}  // namespace portier::engine
