// SPDX-License-Identifier: GPL-3.0-or-later
// Exponential backoff of the presence plugins for 5xx answers, dropped connections and lost
// sessions: min, 2 min, 4 min, ... capped at max; a success starts again at min. A server's
// Retry-After, when given, is waited for instead (rounded up, plus the caller's slack, so the
// next request is never early). The cloud plugins' sessions and event channels and presence.uc's
// reconnects share it. [one thread: the plugin's session or channel thread]
#pragma once

#include <cstdint>
#include <optional>

namespace portier::http {

// The wait Retry-After asks for: `retry_after_s` (>= 0) rounded up to whole microseconds, plus
// `slack_us` for clocks that differ. Never fails. [any]
std::int64_t retry_after_wait_us(double retry_after_s, std::int64_t slack_us) noexcept;

class RetryBackoff {
public:
   // A maximum below the minimum counts as the minimum. Never fails. [any; then one thread]
   RetryBackoff(int min_seconds, int max_seconds) noexcept;

   // The wait before the next attempt, doubling each call up to the maximum.
   std::int64_t next_delay_us() noexcept;

   // The server's Retry-After when it gave one (retry_after_wait_us; the doubling does not
   // advance), else next_delay_us().
   std::int64_t next_delay_us(std::optional<double> retry_after_s, std::int64_t slack_us) noexcept;

   // A success (or a session that came up): the next failure waits only the minimum again.
   void reset() noexcept { failures_ = 0; }
   int failures() const noexcept { return failures_; }

private:
   std::int64_t min_us_;
   std::int64_t max_us_;
   int failures_ = 0;
};

}  // namespace portier::http
