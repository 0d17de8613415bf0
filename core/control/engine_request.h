// SPDX-License-Identifier: GPL-3.0-or-later
// The control socket's "engine" request, checked into plain data. Two shapes:
//   {"cmd":"engine","command":{...}}           one client-API command (docs/sdk/client-api.md),
//                                              answered {"ok":true,"answer":{...the engine's answer}}
//   {"cmd":"engine","events":N[,"after":SEQ]}  the last N (1..kEventHistoryCapacity) engine events
//                                              with seq > SEQ, answered
//                                              {"ok":true,"events":[...],"last_seq":S}
// An engine answer with "ok":false is still a served request: the control answer's "ok" says
// only whether the daemon could ask the engine.
#pragma once

#include <cstddef>
#include <cstdint>
#include <variant>

#include <nlohmann/json.hpp>

#include "control/event_history.h"
#include "control/request_check.h"

namespace portier::control {

struct EngineCommand {
   nlohmann::json command;
};

struct EngineEventsQuery {
   std::size_t count = 0;
   std::uint64_t after = 0;
};

std::variant<EngineCommand, EngineEventsQuery, RequestError> check_engine_request(const nlohmann::json &request);

// {"ok":true,"events":[...],"last_seq":S}
nlohmann::json engine_events_answer(const EventHistory &history, const EngineEventsQuery &query);

}  // namespace portier::control
