// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/host/engine_timers.h"

#include <chrono>
#include <ctime>
#include <utility>

namespace portier::engine {

EngineTimers::EngineTimers(kernel::EngineLoop &loop) : loop_(loop) {}

EngineTimers::~EngineTimers() {
   for (const TimerId id : *live_) loop_.timer_cancel(id);
   live_->clear();
}

std::int64_t EngineTimers::now_ms() const { return loop_.clock().now_us() / 1000; }

TimerId EngineTimers::start(std::uint32_t delay_ms, std::function<void()> fn) {
   // The loop hands out the id only after start returns, and fires on the engine thread (this
   // thread), so the callback always finds its id in `live_`.
   auto id_cell = std::make_shared<TimerId>(kNoTimer);
   const TimerId id = loop_.timer_start(static_cast<std::int64_t>(delay_ms) * 1000, 0,
                                        [live = live_, id_cell, fn = std::move(fn)] {
                                           if (live->erase(*id_cell) == 0) return;  // cancelled
                                           fn();
                                        });
   *id_cell = id;
   live_->insert(id);
   return id;
}

void EngineTimers::cancel(TimerId id) {
   if (live_->erase(id) == 0) return;
   loop_.timer_cancel(id);
}

LocalTime EngineTimers::local_time() const { return local_wall_time(); }

LocalTime local_wall_time() {
   const std::time_t now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
   std::tm parts{};
   localtime_r(&now, &parts);
   LocalTime local;
   local.date = CalendarDate{parts.tm_year + 1900, parts.tm_mon + 1, parts.tm_mday};
   local.weekday = (parts.tm_wday + 6) % 7;  // tm counts from Sunday, the engine from Monday
   local.minute = parts.tm_hour * 60 + parts.tm_min;
   return local;
}

}  // namespace portier::engine
