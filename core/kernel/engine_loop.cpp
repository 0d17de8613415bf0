// SPDX-License-Identifier: GPL-3.0-or-later
#include "kernel/engine_loop.h"

#include <chrono>
#include <limits>

#include <boost/asio/post.hpp>

namespace portier::kernel {

EngineLoop::EngineLoop(Clock &clock, std::size_t capacity)
   : clock_(clock), capacity_(capacity), guard_(boost::asio::make_work_guard(io_)), wakeup_(io_)
{
}

EngineLoop::~EngineLoop() = default;

bool EngineLoop::post(std::function<void()> fn)
{
   if (pending_.fetch_add(1) >= capacity_) {
      pending_.fetch_sub(1);
      return false;
   }
   boost::asio::post(io_, [this, fn = std::move(fn)]() {
      pending_.fetch_sub(1);
      fn();
   });
   return true;
}

std::uint64_t EngineLoop::timer_start(std::int64_t delay_us, std::int64_t period_us,
                                      std::function<void()> fn)
{
   std::uint64_t id = 0;
   {
      std::lock_guard lock(timers_mutex_);
      id = next_timer_id_++;
      const std::int64_t deadline = clock_.now_us() + delay_us;
      timers_.emplace(id, Timer{deadline, period_us, std::move(fn)});
      due_.emplace(deadline, id);
   }
   if (!clock_.simulated()) {
      boost::asio::post(io_, [this]() { arm_real_timer(); });
   }
   return id;
}

void EngineLoop::timer_cancel(std::uint64_t id)
{
   std::lock_guard lock(timers_mutex_);
   timers_.erase(id);  // its heap entry is skipped when it surfaces
}

std::size_t EngineLoop::timer_count() const
{
   std::lock_guard lock(timers_mutex_);
   return timers_.size();
}

bool EngineLoop::is_engine_thread() const
{
   return engine_thread_.load() == std::this_thread::get_id();
}

std::int64_t EngineLoop::next_deadline() const
{
   std::lock_guard lock(timers_mutex_);
   return due_.empty() ? std::numeric_limits<std::int64_t>::max() : due_.top().first;
}

void EngineLoop::fire_due(std::int64_t now_us)
{
   for (;;) {
      std::function<void()> fn;
      std::uint64_t id = 0;
      {
         std::lock_guard lock(timers_mutex_);
         if (due_.empty() || due_.top().first > now_us) {
            return;
         }
         const auto [deadline, due_id] = due_.top();
         due_.pop();
         auto it = timers_.find(due_id);
         if (it == timers_.end() || it->second.deadline_us != deadline) {
            continue;  // cancelled, or a stale entry
         }
         id = due_id;
         if (it->second.period_us > 0) {
            // Fixed rate on the host clock; a real clock that fell far behind skips missed ticks.
            std::int64_t next = deadline + it->second.period_us;
            if (next <= now_us && !clock_.simulated()) {
               next = now_us + it->second.period_us;
            }
            it->second.deadline_us = next;
            due_.emplace(next, id);
            fn = it->second.fn;
         } else {
            fn = std::move(it->second.fn);
            timers_.erase(it);
         }
      }
      fn();
      (void)id;
   }
}

void EngineLoop::arm_real_timer()
{
   const std::int64_t next = next_deadline();
   if (next == std::numeric_limits<std::int64_t>::max()) {
      wakeup_.cancel();
      return;
   }
   const std::int64_t wait_us = std::max<std::int64_t>(0, next - clock_.now_us());
   wakeup_.expires_after(std::chrono::microseconds(wait_us));
   wakeup_.async_wait([this](const boost::system::error_code &ec) {
      if (ec) {
         return;  // re-armed or cancelled
      }
      fire_due(clock_.now_us());
      arm_real_timer();
   });
}

void EngineLoop::run()
{
   adopt_current_thread();
   io_.restart();
   arm_real_timer();
   io_.run();
}

void EngineLoop::stop()
{
   boost::asio::post(io_, [this]() {
      guard_.reset();
      wakeup_.cancel();
      io_.stop();
   });
}

void EngineLoop::adopt_current_thread()
{
   engine_thread_.store(std::this_thread::get_id());
}

void EngineLoop::run_ready()
{
   io_.restart();
   while (io_.poll() > 0) {
   }
   fire_due(clock_.now_us());
   while (io_.poll() > 0) {
   }
}

void EngineLoop::advance(std::int64_t us)
{
   auto *sim = dynamic_cast<SimulatedClock *>(&clock_);
   const std::int64_t target = clock_.now_us() + us;
   run_ready();
   for (;;) {
      const std::int64_t next = next_deadline();
      if (next > target) {
         break;
      }
      if (sim != nullptr && next > sim->now_us()) {
         sim->set(next);
      }
      fire_due(clock_.now_us());
      run_ready();
   }
   if (sim != nullptr) {
      sim->set(target);
   }
   run_ready();
}

}  // namespace portier::kernel
