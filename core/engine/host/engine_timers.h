// SPDX-License-Identifier: GPL-3.0-or-later
// The engine's Timers over the kernel's engine loop: the host clock (real in portierd, simulated
// in tests), one-shot timers on the engine thread, and local wall time for opening hours.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <set>

#include "engine/runtime/timers.h"
#include "kernel/engine_loop.h"

namespace portier::engine {

class EngineTimers final : public Timers {
  public:
   explicit EngineTimers(kernel::EngineLoop &loop);
   // Cancels every timer still pending, so none fires into a destroyed engine.
   ~EngineTimers() override;
   EngineTimers(const EngineTimers &) = delete;
   EngineTimers &operator=(const EngineTimers &) = delete;

   std::int64_t now_ms() const override;
   TimerId start(std::uint32_t delay_ms, std::function<void()> fn) override;
   void cancel(TimerId id) override;
   LocalTime local_time() const override;

   std::size_t pending() const { return live_->size(); }

  private:
   kernel::EngineLoop &loop_;
   // Shared with the callbacks, which remove their own id when they fire.
   std::shared_ptr<std::set<TimerId>> live_ = std::make_shared<std::set<TimerId>>();
};

// Local time of the system clock (localtime_r, so the TZ of portierd applies).
LocalTime local_wall_time();

}  // namespace portier::engine
