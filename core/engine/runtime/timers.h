// SPDX-License-Identifier: GPL-3.0-or-later
// The engine's only source of time: a monotonic clock, one-shot timers and local wall time.
// Production backs it with the host clock; tests with SimTimers, so every run is deterministic.
#pragma once

#include <cstdint>
#include <functional>

#include "engine/model/opening_hours.h"

namespace portier::engine {

using TimerId = std::uint64_t;
inline constexpr TimerId kNoTimer = 0;  // never returned by start()

// Local wall time, for opening hours.
struct LocalTime {
   CalendarDate date;
   int weekday = 0;  // Monday 0 .. Sunday 6, as OpeningHours::weekly
   int minute = 0;   // since local midnight, 0..1439
};

class Timers {
  public:
   virtual ~Timers() = default;
   virtual std::int64_t now_ms() const = 0;
   // Calls `fn` once after `delay_ms`, on the engine thread, never from inside start().
   virtual TimerId start(std::uint32_t delay_ms, std::function<void()> fn) = 0;
   // Unknown or already fired ids are ignored.
   virtual void cancel(TimerId id) = 0;
   virtual LocalTime local_time() const = 0;
};

}  // namespace portier::engine
