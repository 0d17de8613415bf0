// SPDX-License-Identifier: GPL-3.0-or-later
// Exponential backoff of the cloud presence plugins for 5xx answers and dropped connections:
// min, 2 min, 4 min, ... capped at max; a success starts again at min. 429 does not use it while
// Retry-After is given. [one thread: the plugin's session thread]
#pragma once

#include <cstdint>

namespace portier::http {

class RetryBackoff {
public:
   RetryBackoff(int min_seconds, int max_seconds) noexcept;

   // The wait before the next attempt, doubling each call up to the maximum.
   std::int64_t next_delay_us() noexcept;

   void reset() noexcept { failures_ = 0; }
   int failures() const noexcept { return failures_; }

private:
   std::int64_t min_us_;
   std::int64_t max_us_;
   int failures_ = 0;
};

}  // namespace portier::http
