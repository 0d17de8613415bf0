// SPDX-License-Identifier: GPL-3.0-or-later
// The wait before the next connection attempt: doubling from the minimum to the maximum after
// each failure, back to the minimum once a session got as far as its roster.
#pragma once

#include <cstdint>

namespace portier::uc {

class ReconnectBackoff {
public:
   ReconnectBackoff(int min_seconds, int max_seconds) noexcept;

   // The delay before the next attempt, in microseconds; each call doubles the next one.
   std::int64_t next_delay_us() noexcept;

   // A session came up: the next loss waits only the minimum again.
   void reset() noexcept;

private:
   std::int64_t min_us_;
   std::int64_t max_us_;
   std::int64_t next_us_;
};

}  // namespace portier::uc
