// SPDX-License-Identifier: GPL-3.0-or-later
// The simulated clock with every fired engine timer counted and timed as one input: a ring time
// that ends, an RNA timeout, a transfer time are decisions like a trunk event.
#pragma once

#include "engine/runtime/sim_timers.h"
#include "input_meter.h"

namespace portier::bench {

class TimedTimers final : public engine::Timers {
  public:
   explicit TimedTimers(InputMeter &meter) : meter_(meter) {}

   std::int64_t now_ms() const override { return sim_.now_ms(); }
   engine::TimerId start(std::uint32_t delay_ms, std::function<void()> fn) override {
      return sim_.start(delay_ms, [this, fn = std::move(fn)] { meter_.time(fn); });
   }
   void cancel(engine::TimerId id) override { sim_.cancel(id); }
   engine::LocalTime local_time() const override { return sim_.local_time(); }

   void advance(std::int64_t ms) { sim_.advance(ms); }
   std::size_t pending() const { return sim_.pending(); }

  private:
   engine::SimTimers sim_;
   InputMeter &meter_;
};

}  // namespace portier::bench
