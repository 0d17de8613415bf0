// SPDX-License-Identifier: GPL-3.0-or-later
// The engine's JSON face for front ends. Every message is an object with a "type" (sdk-abi.md
// 3.9). A command gets one answer {"type": "answer", "ok": true|false, ...}; an application
// failure ("attendant_busy") is an answer with "ok": false, an "error" code and a "message"
// that says what and where. Engine events become {"type": "event", "event": "...", ...}.
// [engine]: every function runs on the engine thread, like the Engine it reads and drives.
#pragma once

#include <functional>

#include <nlohmann/json.hpp>

#include "engine/runtime/engine.h"
#include "engine/runtime/event_names.h"

namespace portier::engine {

// Runs the command `request` against `engine` and returns the answer (without request_id, which
// the transport adds). Types: log_on, log_off, set_available, pick, hold, retrieve, transfer,
// blind_transfer, park, page, hang_up, return_to_queue, dial, snapshot. An unknown type
// or a missing or mistyped field is an answer with ok false and error "invalid". `now_ms` is
// the engine clock, for the snapshot's waiting times.
// "statistics" goes to `statistics` (core/engine/stats); without one it is refused as
// "unavailable".
using StatisticsHandler = std::function<nlohmann::json(const nlohmann::json &request)>;
nlohmann::json handle_client_command(Engine &engine, const nlohmann::json &request, std::int64_t now_ms,
                                     const StatisticsHandler &statistics = {});

// Adds "tenant" to each row of a statistics answer (`answer`.statistics.ddi, personal_lines,
// attendants): a DDI entry's tenant from the engine data; a personal line's and an attendant's
// from the attendant logged on now, else from the account of that name when only one tenant
// has it. A row whose tenant cannot be told gets none (front ends show it to system managers
// only). Anything that is not a successful statistics answer is left alone.
void tag_statistics_tenants(nlohmann::json &answer, const Engine &engine);

// The JSON form of one engine event.
nlohmann::json event_json(const EngineEvent &event);

// Everything a console shows: calls (with phase, queue, attendant, waiting since), queues in
// order, attendants with their state. `now_ms` is the engine clock for waiting times.
nlohmann::json snapshot_json(const Engine &engine, std::int64_t now_ms);

// The stable name of an answer's error code (states and reasons: engine/runtime/event_names.h).
std::string_view outcome_name(Outcome outcome);

}  // namespace portier::engine
