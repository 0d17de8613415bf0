// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/runtime/sim_timers.h"

namespace portier::engine {

namespace {
constexpr int kMinutesPerDay = 24 * 60;
constexpr std::int64_t kMsPerMinute = 60'000;
constexpr int kMaxFiresPerAdvance = 1'000'000;
}  // namespace

SimTimers::SimTimers(CalendarDate start_date, int start_minute)
    : start_day_(std::chrono::year_month_day{std::chrono::year{start_date.year},
                                             std::chrono::month{static_cast<unsigned>(start_date.month)},
                                             std::chrono::day{static_cast<unsigned>(start_date.day)}}),
      start_minute_(start_minute) {}

TimerId SimTimers::start(std::uint32_t delay_ms, std::function<void()> fn) {
   const TimerId id = next_id_++;
   const std::int64_t at = now_ms_ + static_cast<std::int64_t>(delay_ms);
   due_.emplace(Key{at, id}, std::move(fn));
   due_by_id_.emplace(id, at);
   return id;
}

void SimTimers::cancel(TimerId id) {
   const auto it = due_by_id_.find(id);
   if (it == due_by_id_.end()) return;
   due_.erase(Key{it->second, id});
   due_by_id_.erase(it);
}

void SimTimers::advance(std::int64_t ms) {
   const std::int64_t target = now_ms_ + (ms > 0 ? ms : 0);
   for (int fired = 0; fired < kMaxFiresPerAdvance && !due_.empty(); ++fired) {
      const auto first = due_.begin();
      if (first->first.first > target) break;
      now_ms_ = first->first.first;
      std::function<void()> fn = std::move(first->second);
      due_by_id_.erase(first->first.second);
      due_.erase(first);
      fn();
   }
   now_ms_ = target;
}

LocalTime SimTimers::local_time() const {
   const std::int64_t minutes = start_minute_ + now_ms_ / kMsPerMinute;
   const std::chrono::sys_days day = start_day_ + std::chrono::days{minutes / kMinutesPerDay};
   const std::chrono::year_month_day ymd{day};
   LocalTime t;
   t.date = {static_cast<int>(ymd.year()), static_cast<int>(static_cast<unsigned>(ymd.month())),
             static_cast<int>(static_cast<unsigned>(ymd.day()))};
   t.weekday = static_cast<int>(std::chrono::weekday{day}.iso_encoding()) - 1;
   t.minute = static_cast<int>(minutes % kMinutesPerDay);
   return t;
}

}  // namespace portier::engine
