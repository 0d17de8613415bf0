// SPDX-License-Identifier: GPL-3.0-or-later
// The engine thread: one Asio io_context, a bounded queue of work posted from any thread, and
// timers on the host clock. Everything that changes engine or plugin-lifecycle state runs here.
#pragma once

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <queue>
#include <thread>
#include <vector>

#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>

#include "kernel/clock.h"

namespace portier::kernel {

class EngineLoop {
public:
   // `capacity` bounds the work posted with post(): a flooding plugin gets refusals, not memory.
   EngineLoop(Clock &clock, std::size_t capacity);
   ~EngineLoop();
   EngineLoop(const EngineLoop &) = delete;
   EngineLoop &operator=(const EngineLoop &) = delete;

   boost::asio::io_context &io() { return io_; }
   Clock &clock() { return clock_; }
   std::size_t capacity() const { return capacity_; }

   // Queues `fn` for the engine thread; false when `capacity` items already wait. [any]
   bool post(std::function<void()> fn);
   // Work posted with post() and not yet run. [any]
   std::size_t queued() const { return pending_.load(); }

   // A timer on the host clock: fn runs on the engine thread after delay_us, then every period_us
   // when that is > 0. Returns an id, never 0. [any]
   std::uint64_t timer_start(std::int64_t delay_us, std::int64_t period_us, std::function<void()> fn);
   // After it returns on the engine thread the callback never runs again. Unknown ids are ignored. [any]
   void timer_cancel(std::uint64_t id);
   std::size_t timer_count() const;

   bool is_engine_thread() const;

   // Runs the loop on the calling thread, which becomes the engine thread, until stop().
   void run();
   // Makes run() return once the work already queued has run. [any]
   void stop();

   // For tests on a simulated clock: the calling thread becomes the engine thread; run_ready()
   // runs everything that is ready now; advance() moves the simulated clock step by step,
   // firing each due timer at its own deadline, in order.
   void adopt_current_thread();
   void run_ready();
   void advance(std::int64_t us);

private:
   struct Timer {
      std::int64_t deadline_us;
      std::int64_t period_us;
      std::function<void()> fn;
   };
   using Due = std::pair<std::int64_t, std::uint64_t>;  // deadline, id; ids grow, so ties keep order

   void fire_due(std::int64_t now_us);
   void arm_real_timer();
   std::int64_t next_deadline() const;

   Clock &clock_;
   std::size_t capacity_;
   boost::asio::io_context io_;
   boost::asio::executor_work_guard<boost::asio::io_context::executor_type> guard_;
   boost::asio::steady_timer wakeup_;
   std::atomic<std::size_t> pending_{0};
   std::atomic<std::thread::id> engine_thread_{};

   mutable std::mutex timers_mutex_;
   std::map<std::uint64_t, Timer> timers_;
   std::priority_queue<Due, std::vector<Due>, std::greater<Due>> due_;
   std::uint64_t next_timer_id_ = 1;
};

}  // namespace portier::kernel
