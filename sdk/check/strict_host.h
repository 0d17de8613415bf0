// SPDX-License-Identifier: MIT
// The strict host: a portier_host that checks every call against the threading and lifecycle
// rules of sdk-abi.md 3.12 and reports each violation, naming the host function and the phase.
// The thread that constructs it is the engine thread; it runs run_on_engine callbacks and
// timers on the real monotonic clock in run_engine_for().
#pragma once

#include <pthread.h>

#include <chrono>
#include <cstdint>
#include <deque>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include <portier/host.h>
#include <portier/kind/client.h>

#include "child_channel.h"
#include "guarded_pages.h"

namespace portier::check {

// Where the instance is in its lifecycle, as the host sees it.
enum class Phase { Creating, Created, Starting, Started, Stopping, Stopped, Destroying, Destroyed };

const char *phase_text(Phase p);  // "during create()", "after stop() returned", ...

struct StrictHostOptions {
   bool failing = false;                 // every fallible service returns an error
   std::vector<std::string> served;      // host service ids get_service answers
};

class StrictHost {
public:
   StrictHost(ScenarioLog &log, StrictHostOptions options);
   StrictHost(const StrictHost &) = delete;
   StrictHost &operator=(const StrictHost &) = delete;

   const portier_host *table() const { return table_; }
   void set_phase(Phase p);
   Phase phase() const;
   // Runs queued callbacks and due timers on this (the engine) thread for `ms` milliseconds.
   void run_engine_for(int ms);
   // After destroy() returned: the table and ctx become PROT_NONE, so any later use faults.
   void retire();

   // The host functions call these; public so the C trampolines can reach them.
   bool on_engine_thread() const;
   // Checks the tags of a call to `fn`; returns false when it must be refused (ERR_STATE).
   bool admit(const char *fn);
   void flag(const std::string &detail) { log_.fail(detail); }
   void warn_slow(const std::string &what, std::chrono::steady_clock::duration took);

   portier_status queue_engine_call(portier_engine_fn fn, void *user);
   portier_status start_timer(int64_t delay_us, int64_t period_us, portier_engine_fn fn, void *user,
                              uint64_t *id);
   void cancel_timer(uint64_t id);
   const void *service(const char *sid) const;

   bool failing() const { return options_.failing; }
   ScenarioLog &log() { return log_; }

private:
   struct Timer {
      std::chrono::steady_clock::time_point due;
      std::chrono::microseconds period{0};
      portier_engine_fn fn = nullptr;
      void *user = nullptr;
   };
   struct Pending {
      portier_engine_fn fn;
      void *user;
   };
   bool run_one_due(std::chrono::steady_clock::time_point now);

   ScenarioLog &log_;
   StrictHostOptions options_;
   pthread_t engine_;
   GuardedPages table_pages_;
   GuardedPages ctx_pages_;
   portier_host *table_ = nullptr;
   portier_host_client_v1 *client_ = nullptr;

   mutable std::mutex mutex_;
   Phase phase_ = Phase::Creating;
   std::deque<Pending> pending_;
   std::map<uint64_t, Timer> timers_;
   uint64_t next_timer_id_ = 1;
   const char *last_progress_ = nullptr;  // engine thread only
};

// The number of threads in this process (from /proc/self/task), -1 if unknown.
int thread_count();

}  // namespace portier::check
