// SPDX-License-Identifier: GPL-3.0-or-later
// Sessions kept by the core over a restart of portierd: the session_save, session_drop and
// session_list commands (docs/sdk/client-api.md) and the list's answer read back into sessions.
// The core gets the id's hash, never the id, and Unix times; the table runs on the steady clock,
// so each conversion takes both clocks read at one moment.
#pragma once

#include <chrono>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "session_table.h"

namespace portier::web {

struct ClockPair {
   SteadyTime steady;
   std::chrono::system_clock::time_point wall;
   static ClockPair now() { return {std::chrono::steady_clock::now(), std::chrono::system_clock::now()}; }
};

// {"type":"session_save",...}: `s` with its times in Unix ms and `expires` (the table's
// expires_at) as expires_ms.
std::string session_save_command(const Session &s, SteadyTime expires, const ClockPair &now);
// {"type":"session_drop","id_hash":...}
std::string session_drop_command(std::string_view id_hash);
// {"type":"session_list"}
std::string session_list_command();

// The sessions of the core's session_list answer (id empty, id_hash set), or why there are none.
std::variant<std::vector<Session>, std::string> read_session_list(std::string_view answer, const ClockPair &now);
// Whether an answer is the hub's refusal of a request the host could not take yet (the host takes
// requests only once every plugin's start has returned: "unavailable", "not started").
bool core_not_ready(std::string_view answer);

}  // namespace portier::web
