// SPDX-License-Identifier: GPL-3.0-or-later
#include "test_host.h"

#include <utility>

namespace test {

TestHost::TestHost() {
   table.struct_size = sizeof(portier_host);
   table.abi_major = 1;
   table.abi_minor = 0;
   table.ctx = reinterpret_cast<portier_host_ctx *>(this);
   table.core_version = "1.0.0";
   table.log = &log;
   table.now_us = &now;
   table.post_event = &post;
   table.report_state = &report;
   table.run_on_engine = &run;
   table.timer_start = &timer_start;
   table.timer_cancel = &timer_cancel;
   table.secret_get = &secret_get;
   table.is_engine_thread = &engine_thread;
   table.get_service = &service;
}

void TestHost::advance(std::int64_t ms) {
   std::vector<std::pair<portier_engine_fn, void *>> due;
   {
      std::lock_guard<std::mutex> lock(mu_);
      clock_us_ += ms * 1000;
      for (auto it = timers_.begin(); it != timers_.end();) {
         TimerEntry &t = it->second;
         if (t.due_us > clock_us_) {
            ++it;
            continue;
         }
         due.emplace_back(t.fn, t.user);  // once per advance, enough for these tests
         if (t.period_us > 0) {
            t.due_us = clock_us_ + t.period_us;
            ++it;
         } else {
            it = timers_.erase(it);
         }
      }
   }
   for (auto &[fn, user] : due) fn(user);
   pump();
}

void TestHost::pump() {
   std::deque<Callback> pending;
   {
      std::lock_guard<std::mutex> lock(mu_);
      pending.swap(queued_);
   }
   for (const Callback &c : pending) c.fn(c.user);
}

bool TestHost::wait(const std::function<bool()> &pred, std::chrono::milliseconds limit) {
   const auto end = std::chrono::steady_clock::now() + limit;
   while (std::chrono::steady_clock::now() < end) {
      pump();
      if (pred()) return true;
      std::unique_lock<std::mutex> lock(mu_);
      changed_.wait_for(lock, std::chrono::milliseconds(20));
   }
   pump();
   return pred();
}

std::vector<std::pair<std::int32_t, std::string>> TestHost::states() {
   std::lock_guard<std::mutex> lock(mu_);
   return states_;
}

bool TestHost::logged(const std::string &part) {
   std::lock_guard<std::mutex> lock(mu_);
   for (const std::string &l : logs_) {
      if (l.find(part) != std::string::npos) return true;
   }
   return false;
}

void PORTIER_ABI TestHost::log(portier_host_ctx *ctx, std::int32_t, portier_str msg) {
   TestHost &h = self(ctx);
   std::lock_guard<std::mutex> lock(h.mu_);
   h.logs_.emplace_back(msg.data == nullptr ? "" : msg.data, msg.size);
}

std::int64_t PORTIER_ABI TestHost::now(portier_host_ctx *ctx) {
   TestHost &h = self(ctx);
   std::lock_guard<std::mutex> lock(h.mu_);
   return h.clock_us_;
}

portier_status PORTIER_ABI TestHost::post(portier_host_ctx *ctx, const portier_event_header *ev) {
   TestHost &h = self(ctx);
   if (ev == nullptr || ev->struct_size < sizeof *ev || ev->struct_size > PORTIER_EVENT_MAX_SIZE) {
      return PORTIER_ERR_INVALID;
   }
   const auto *p = reinterpret_cast<const unsigned char *>(ev);
   {
      std::lock_guard<std::mutex> lock(h.mu_);
      h.events_.emplace_back(p, p + ev->struct_size);
   }
   h.changed_.notify_all();
   return PORTIER_OK;
}

portier_status PORTIER_ABI TestHost::report(portier_host_ctx *ctx, std::int32_t state, portier_str reason) {
   TestHost &h = self(ctx);
   {
      std::lock_guard<std::mutex> lock(h.mu_);
      h.states_.emplace_back(state, std::string(reason.data == nullptr ? "" : reason.data, reason.size));
   }
   h.changed_.notify_all();
   return PORTIER_OK;
}

portier_status PORTIER_ABI TestHost::run(portier_host_ctx *ctx, portier_engine_fn fn, void *user) {
   TestHost &h = self(ctx);
   {
      std::lock_guard<std::mutex> lock(h.mu_);
      h.queued_.push_back({fn, user});
   }
   h.changed_.notify_all();
   return PORTIER_OK;
}

portier_status PORTIER_ABI TestHost::timer_start(portier_host_ctx *ctx, std::int64_t delay, std::int64_t period,
                                                 portier_engine_fn fn, void *user, std::uint64_t *id) {
   TestHost &h = self(ctx);
   if (delay < 0 || period < 0 || fn == nullptr || id == nullptr) return PORTIER_ERR_INVALID;
   std::lock_guard<std::mutex> lock(h.mu_);
   *id = h.next_timer_++;
   h.timers_[*id] = {h.clock_us_ + delay, period, fn, user};
   return PORTIER_OK;
}

void PORTIER_ABI TestHost::timer_cancel(portier_host_ctx *ctx, std::uint64_t id) {
   TestHost &h = self(ctx);
   std::lock_guard<std::mutex> lock(h.mu_);
   h.timers_.erase(id);
}

portier_status PORTIER_ABI TestHost::secret_get(portier_host_ctx *, const char *, char *, std::size_t *) {
   return PORTIER_ERR_NOT_FOUND;
}

bool PORTIER_ABI TestHost::engine_thread(portier_host_ctx *ctx) {
   return std::this_thread::get_id() == self(ctx).engine_;
}

const void *PORTIER_ABI TestHost::service(portier_host_ctx *, const char *) { return nullptr; }

}  // namespace test
