// SPDX-License-Identifier: GPL-3.0-or-later
// The session's clock readings, shared by graph_session.cpp and graph_webhooks.cpp.
#pragma once

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <string>

namespace portier::teams {

// Microseconds on the steady clock: the session's deadlines (token, backoff, renewals).
inline std::int64_t steady_us() {
   return std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now().time_since_epoch())
       .count();
}

// "12.5": a wait in seconds for the log.
inline std::string seconds_text(std::int64_t us) {
   char buf[32];
   std::snprintf(buf, sizeof buf, "%.1f", static_cast<double>(us) / 1e6);
   return buf;
}

}  // namespace portier::teams
