// SPDX-License-Identifier: GPL-3.0-or-later
// A simulated clock for tests and benchmarks: time moves only in advance(), which fires due
// timers in order of due time, then of start.
#pragma once

#include <chrono>
#include <cstddef>
#include <functional>
#include <map>
#include <utility>

#include "engine/runtime/timers.h"

namespace portier::engine {

class SimTimers final : public Timers {
  public:
   // Local wall time at now_ms() == 0; the default is Monday 2024-01-01 09:00.
   explicit SimTimers(CalendarDate start_date = {2024, 1, 1}, int start_minute = 9 * 60);

   std::int64_t now_ms() const override { return now_ms_; }
   TimerId start(std::uint32_t delay_ms, std::function<void()> fn) override;
   void cancel(TimerId id) override;
   LocalTime local_time() const override;

   // Moves the clock `ms` forward, firing every timer that falls due, also those started by
   // timers that fire. Bounded: a timer that keeps restarting itself at 0 ms cannot hang a test.
   void advance(std::int64_t ms);
   std::size_t pending() const { return due_.size(); }

  private:
   using Key = std::pair<std::int64_t, TimerId>;  // due time, then start order
   std::map<Key, std::function<void()>> due_;
   std::map<TimerId, std::int64_t> due_by_id_;
   std::int64_t now_ms_ = 0;
   TimerId next_id_ = 1;
   std::chrono::sys_days start_day_;
   int start_minute_ = 0;
};

}  // namespace portier::engine
