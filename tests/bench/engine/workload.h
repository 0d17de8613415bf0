// SPDX-License-Identifier: GPL-3.0-or-later
// Drives the engine like a busy switchboard: first the load (attendants log on unavailable,
// callers arrive until the queues hold the wanted number of waiting calls), then a bounded mix
// of arrivals, answers, refused and unanswered pushes (RNA), hang-ups on both sides, picks,
// supervised and blind transfers with their outcomes, retrieves, log-offs, and the trunk's
// CONNECTED for every connect. Every engine input
// goes through the InputMeter.
#pragma once

#include <array>
#include <cstdint>
#include <deque>
#include <random>
#include <string>
#include <vector>

#include "bench_plan.h"
#include "engine/runtime/engine.h"
#include "input_meter.h"
#include "quiet_trunk.h"
#include "timed_timers.h"

namespace portier::bench {

enum class Action {
   arrival,
   caller_hangup,
   set_available,
   answer,
   refuse,
   attendant_hangup,
   pick,
   transfer,
   blind_transfer,
   target_answer,
   target_busy,
   connected,
   retrieve,
   log_on,
   log_off,
};
inline constexpr std::size_t kActionCount = 15;
const char *action_name(Action action);

struct RunResult {
   std::uint64_t steps = 0;
   double wall_seconds = 0;
   double cpu_seconds = 0;  // this thread on a CPU: what a loaded machine does not inflate
   std::int64_t simulated_ms = 0;
   std::array<std::uint64_t, kActionCount> actions{};
   std::uint64_t not_ok = 0;  // attendant requests the engine refused (stale choices)
};

class Workload {
  public:
   Workload(const BenchSize &size, const BenchPlan &plan, engine::Engine &engine, QuietTrunk &trunk,
            TimedTimers &timers, InputMeter &meter);

   void log_on_all();
   // Callers arrive until `size.waiting_calls` wait (nobody is available yet).
   void fill_queues();
   RunResult run();

  private:
   void attendant_step(RunResult &result);
   void caller_step(RunResult &result);
   void target_step(RunResult &result);
   void arrive();
   bool pick_for(const std::string &attendant, std::size_t tenant);
   bool retrieve_for(const std::string &attendant, std::size_t tenant);
   void count(RunResult &result, Action action, engine::Outcome outcome);
   std::size_t below(std::size_t n) { return std::uniform_int_distribution<std::size_t>(0, n - 1)(random_); }
   void forget_ended_calls();
   void confirm_connects();

   struct TransferLeg {
      std::string call_id;
      std::string leg_id;
      std::size_t tenant = 0;
      bool blind = false;
   };

   const BenchSize &size_;
   const BenchPlan &plan_;
   engine::Engine &engine_;
   QuietTrunk &trunk_;
   TimedTimers &timers_;
   InputMeter &meter_;
   std::mt19937 random_;
   std::uint64_t next_call_ = 1;
   std::uint64_t connected_ = 0;
   std::vector<std::string> callers_;                    // may hold ended calls; pruned lazily
   std::vector<std::deque<std::string>> pick_candidates_;  // by tenant, arrival order
   std::vector<TransferLeg> transfers_;
   std::vector<std::vector<std::string>> failed_;        // supervised transfers that failed, by tenant
};

}  // namespace portier::bench
