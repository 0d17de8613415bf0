// SPDX-License-Identifier: GPL-3.0-or-later
// A minimal portier_host for driving a plugin from a test: records events, states and logs
// (from any thread), keeps a simulated clock, and runs timers and run_on_engine callbacks on
// the test thread, which plays the engine.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <cstring>
#include <deque>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include <portier/portier.h>

namespace test {

class TestHost {
public:
   TestHost();
   TestHost(const TestHost &) = delete;
   TestHost &operator=(const TestHost &) = delete;

   portier_host table{};

   // Moves the clock on by `ms` and runs every timer that fell due, then queued callbacks.
   void advance(std::int64_t ms);
   // Runs callbacks queued with run_on_engine.
   void pump();

   // Waits (real time, bounded) until `pred` holds over the recorded events; pumps meanwhile.
   bool wait(const std::function<bool()> &pred, std::chrono::milliseconds limit = std::chrono::seconds(5));

   // Events of type T (by space/type) recorded so far, copied out.
   template <class T>
   std::vector<T> events(std::uint16_t type) {
      std::lock_guard<std::mutex> lock(mu_);
      std::vector<T> out;
      for (const auto &bytes : events_) {
         portier_event_header h;
         std::memcpy(&h, bytes.data(), sizeof h);
         if (h.space != PORTIER_SPACE_PBX || h.type != type || bytes.size() != sizeof(T)) continue;
         T ev;
         std::memcpy(&ev, bytes.data(), sizeof ev);
         out.push_back(ev);
      }
      return out;
   }

   std::vector<std::pair<std::int32_t, std::string>> states();
   bool logged(const std::string &part);

private:
   struct TimerEntry {
      std::int64_t due_us;
      std::int64_t period_us;
      portier_engine_fn fn;
      void *user;
   };
   struct Callback {
      portier_engine_fn fn;
      void *user;
   };

   static TestHost &self(portier_host_ctx *ctx) { return *reinterpret_cast<TestHost *>(ctx); }
   static void PORTIER_ABI log(portier_host_ctx *ctx, std::int32_t level, portier_str msg);
   static std::int64_t PORTIER_ABI now(portier_host_ctx *ctx);
   static portier_status PORTIER_ABI post(portier_host_ctx *ctx, const portier_event_header *ev);
   static portier_status PORTIER_ABI report(portier_host_ctx *ctx, std::int32_t state, portier_str reason);
   static portier_status PORTIER_ABI run(portier_host_ctx *ctx, portier_engine_fn fn, void *user);
   static portier_status PORTIER_ABI timer_start(portier_host_ctx *ctx, std::int64_t delay, std::int64_t period,
                                                 portier_engine_fn fn, void *user, std::uint64_t *id);
   static void PORTIER_ABI timer_cancel(portier_host_ctx *ctx, std::uint64_t id);
   static portier_status PORTIER_ABI secret_get(portier_host_ctx *ctx, const char *name, char *buf, std::size_t *size);
   static bool PORTIER_ABI engine_thread(portier_host_ctx *ctx);
   static const void *PORTIER_ABI service(portier_host_ctx *ctx, const char *sid);

   std::mutex mu_;
   std::condition_variable changed_;
   std::int64_t clock_us_ = 1000000;
   std::vector<std::vector<unsigned char>> events_;
   std::vector<std::pair<std::int32_t, std::string>> states_;
   std::vector<std::string> logs_;
   std::deque<Callback> queued_;
   std::map<std::uint64_t, TimerEntry> timers_;
   std::uint64_t next_timer_ = 1;
   std::thread::id engine_ = std::this_thread::get_id();
};

}  // namespace test
