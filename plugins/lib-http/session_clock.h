// SPDX-License-Identifier: GPL-3.0-or-later
// The presence plugins' session clock: steady microseconds for their deadlines (token renewal,
// backoff, Retry-After, sweeps), the text of a wait for their state reports, and a wait that a
// stop request ends early. Header-only. Thread tag: [any]; no state.
#pragma once

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <stop_token>
#include <string>
#include <thread>

namespace portier::http {

// Microseconds on the steady clock (not the wall clock: a clock step must not fire deadlines).
inline std::int64_t steady_us() {
   return std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now().time_since_epoch())
       .count();
}

// "12.5": a wait in seconds, one decimal, for a state report or a log line.
inline std::string seconds_text(std::int64_t us) {
   char buf[32];
   std::snprintf(buf, sizeof buf, "%.1f", static_cast<double>(us) / 1e6);
   return buf;
}

// The top of a session loop's turn: while a wait (Retry-After, backoff) runs until
// `not_before_us`, or nothing is `watching`, sleeps at most `turn` and returns false, so the loop
// goes round and looks at its commands again; true when the session may send a request now.
// [the session thread]
inline bool ready_to_send(std::int64_t not_before_us, bool watching, std::chrono::milliseconds turn) {
   const std::int64_t now = steady_us();
   if (now < not_before_us) {
      std::this_thread::sleep_for(std::min<std::chrono::microseconds>(turn, std::chrono::microseconds(not_before_us - now)));
      return false;
   }
   if (!watching) std::this_thread::sleep_for(turn);
   return watching;
}

// Sleeps `wait_us` (nothing when <= 0) in steps of `turn`, returning within one step of a stop
// request: how a channel thread waits out its backoff. [the waiting thread]
inline void sleep_unless_stopped(const std::stop_token &stop, std::int64_t wait_us,
                                 std::chrono::milliseconds turn) {
   const auto until = std::chrono::steady_clock::now() + std::chrono::microseconds(wait_us);
   while (!stop.stop_requested() && std::chrono::steady_clock::now() < until) std::this_thread::sleep_for(turn);
}

}  // namespace portier::http
