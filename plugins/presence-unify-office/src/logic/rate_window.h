// SPDX-License-Identifier: GPL-3.0-or-later
// RingCentral limits each API group per user and app in a sliding window (Light 50, Medium 40,
// Heavy 10, Auth 5 requests per 60 s by default), and a request made during the 60 s penalty
// restarts it. RateWindow keeps the send times of the last `capacity` requests of one group, so
// no 60-s window ever holds more than `capacity` of them; the server's own count is respected
// too when X-Rate-Limit-Remaining reaches 0. A smoothed window also spaces requests at least
// window / capacity apart, so a steady poll never bursts the whole allowance and then stalls.
// [one thread: the session thread]
#pragma once

#include <cstdint>
#include <deque>

namespace portier::office {

class RateWindow {
public:
   // `capacity` below 1 counts as 1. [any]
   RateWindow(int capacity, std::int64_t window_us, bool smoothed) noexcept;

   // The earliest time a request may be sent, given `now_us`. [session thread]
   std::int64_t next_allowed_us(std::int64_t now_us) const noexcept;

   // Records a request sent at `now_us`. [session thread]
   void sent(std::int64_t now_us);

   // The server said no request is left until `until_us` (Remaining 0 or a 429). [session thread]
   void block_until(std::int64_t until_us) noexcept;

   int capacity() const noexcept { return capacity_; }

private:
   int capacity_;
   std::int64_t window_us_;
   std::int64_t gap_us_;            // 0 when not smoothed
   std::deque<std::int64_t> sent_;  // send times, oldest first, at most capacity_
   std::int64_t blocked_until_us_ = 0;
};

}  // namespace portier::office
