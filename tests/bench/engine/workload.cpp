// SPDX-License-Identifier: GPL-3.0-or-later
#include "workload.h"

#include <algorithm>
#include <chrono>
#include <ctime>

namespace portier::bench {

namespace {

constexpr std::int64_t kStepMs = 5;           // simulated time per workload step
constexpr std::size_t kLoadBatch = 500;       // arrivals between clock moves while filling
constexpr std::size_t kTriesPerChoice = 8;    // stale entries skipped per random choice
constexpr int kOk = static_cast<int>(engine::Outcome::ok);

double thread_cpu_seconds() {
   timespec now{};
   clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now);
   return static_cast<double>(now.tv_sec) + static_cast<double>(now.tv_nsec) / 1e9;
}

constexpr std::array<const char *, kActionCount> kActionNames = {
    "arrival",  "caller_hangup",  "set_available", "answer",       "refuse",      "attendant_hangup",
    "pick",     "transfer",       "blind_transfer", "target_answer", "target_busy", "connected", "retrieve",
    "log_on",   "log_off"};

}  // namespace

const char *action_name(Action action) { return kActionNames[static_cast<std::size_t>(action)]; }

Workload::Workload(const BenchSize &size, const BenchPlan &plan, engine::Engine &engine, QuietTrunk &trunk,
                   TimedTimers &timers, InputMeter &meter)
    : size_(size), plan_(plan), engine_(engine), trunk_(trunk), timers_(timers), meter_(meter), random_(size.seed) {
   pick_candidates_.resize(size.tenants);
   failed_.resize(size.tenants);
   // Reserved before the memory baseline, so the bench's own lists do not count as the engine's.
   callers_.reserve(2 * (size.waiting_calls + size.attendants) + 64);
}

void Workload::log_on_all() {
   for (const engine::LogOn &logon : plan_.attendants) meter_.time([&] { return engine_.log_on(logon); });
}

void Workload::arrive() {
   engine::IncomingCall call;
   call.call_id = "in-" + std::to_string(next_call_++);
   call.caller = "+4930" + std::to_string(1000000 + next_call_ % 8999999);
   std::size_t tenant = below(size_.tenants);
   // One call in twenty is for an attendant's personal line.
   if (below(20) == 0 && !plan_.attendants.empty()) {
      const std::size_t a = below(plan_.attendants.size());
      call.called = plan_.attendants[a].personal_line;
      tenant = plan_.attendant_tenant[a];
   } else {
      const std::vector<std::string> &pilots = plan_.pilots[tenant];
      call.called = pilots[below(pilots.size())];
   }
   meter_.time([&] { engine_.on_incoming(call); });
   if (plan_.data.tenants[tenant].routing_type == engine::RoutingType::pick) {
      pick_candidates_[tenant].push_back(call.call_id);
   }
   callers_.push_back(std::move(call.call_id));
}

void Workload::fill_queues() {
   const std::uint32_t ring_ms = plan_.data.tenants.front().times.default_ring_time_ms;
   for (std::size_t i = 0; i < size_.waiting_calls; ++i) {
      arrive();
      if ((i + 1) % kLoadBatch == 0) timers_.advance(1);
   }
   timers_.advance(ring_ms + 1);  // every call is answered and waits
}

void Workload::count(RunResult &result, Action action, engine::Outcome outcome) {
   ++result.actions[static_cast<std::size_t>(action)];
   if (static_cast<int>(outcome) != kOk) ++result.not_ok;
}

bool Workload::pick_for(const std::string &attendant, std::size_t tenant) {
   std::deque<std::string> &candidates = pick_candidates_[tenant];
   for (std::size_t tries = 0; tries < kTriesPerChoice && !candidates.empty(); ++tries) {
      const engine::Call *call = engine_.find_call(candidates.front());
      if (!call) {
         candidates.pop_front();
         continue;
      }
      if (call->phase != engine::CallPhase::waiting) {
         candidates.push_back(candidates.front());  // offered or connected now; may come back
         candidates.pop_front();
         continue;
      }
      const std::string id = call->id;
      const engine::Outcome outcome = meter_.time([&] { return engine_.pick(attendant, id); });
      if (outcome == engine::Outcome::ok) {
         candidates.pop_front();
         return true;
      }
      if (outcome != engine::Outcome::not_assigned) return false;
      candidates.push_back(candidates.front());  // another attendant of the tenant serves it
      candidates.pop_front();
   }
   return false;
}

bool Workload::retrieve_for(const std::string &attendant, std::size_t tenant) {
   std::vector<std::string> &failed = failed_[tenant];
   while (!failed.empty()) {
      const std::string id = std::move(failed.back());
      failed.pop_back();
      const engine::Call *call = engine_.find_call(id);
      if (!call || !call->processing || call->phase != engine::CallPhase::processing) continue;
      if (call->processing->state != engine::ProcessingState::transfer_failed) continue;
      return meter_.time([&] { return engine_.retrieve(attendant, id); }) == engine::Outcome::ok;
   }
   return false;
}

void Workload::attendant_step(RunResult &result) {
   const std::size_t a = below(plan_.attendants.size());
   const engine::LogOn &logon = plan_.attendants[a];
   const std::size_t tenant = plan_.attendant_tenant[a];
   const engine::Attendant *attendant = engine_.find_attendant(logon.attendant);
   if (!attendant) {
      engine::LogOn again = logon;
      again.available = true;
      count(result, Action::log_on, meter_.time([&] { return engine_.log_on(again); }));
      return;
   }
   const std::string &name = logon.attendant;
   if (attendant->call.empty()) {
      if (!attendant->available) {
         count(result, Action::set_available, meter_.time([&] { return engine_.set_available(name, true); }));
      } else if (plan_.data.tenants[tenant].routing_type == engine::RoutingType::pick && pick_for(name, tenant)) {
         ++result.actions[static_cast<std::size_t>(Action::pick)];
      } else if (retrieve_for(name, tenant)) {
         ++result.actions[static_cast<std::size_t>(Action::retrieve)];
      } else if (below(50) == 0) {
         count(result, Action::log_off, meter_.time([&] { return engine_.log_off(name); }));
      }
      return;
   }
   const engine::Call *call = engine_.find_call(attendant->call);
   if (!call) return;
   const std::string call_id = call->id;
   const std::string leg = call->leg;
   if (call->phase == engine::CallPhase::offered) {
      if (below(10) != 0) {
         meter_.time([&] { engine_.on_answered(leg); });
         ++result.actions[static_cast<std::size_t>(Action::answer)];
      } else {
         meter_.time([&] { engine_.on_ended(leg, 486); });
         ++result.actions[static_cast<std::size_t>(Action::refuse)];
      }
      return;
   }
   if (call->phase != engine::CallPhase::connected) return;
   const std::size_t roll = below(100);
   if (roll < 45) {
      meter_.time([&] { engine_.on_ended(call_id, 200); });
      ++result.actions[static_cast<std::size_t>(Action::caller_hangup)];
   } else if (roll < 75) {
      meter_.time([&] { engine_.on_ended(leg, 200); });
      ++result.actions[static_cast<std::size_t>(Action::attendant_hangup)];
   } else {
      const bool blind = roll >= 90;
      const std::string target = "+4989555" + std::to_string(10000 + below(80000));
      const engine::Outcome outcome = meter_.time([&] {
         return blind ? engine_.blind_transfer(name, call_id, target) : engine_.transfer(name, call_id, target);
      });
      count(result, blind ? Action::blind_transfer : Action::transfer, outcome);
      if (outcome != engine::Outcome::ok) return;
      if (const engine::Call *moved = engine_.find_call(call_id)) {
         transfers_.push_back(TransferLeg{call_id, moved->leg, tenant, blind});
      }
   }
}

void Workload::forget_ended_calls() {
   std::erase_if(callers_, [&](const std::string &id) { return engine_.find_call(id) == nullptr; });
   for (std::deque<std::string> &candidates : pick_candidates_) {
      std::erase_if(candidates, [&](const std::string &id) { return engine_.find_call(id) == nullptr; });
   }
}

void Workload::caller_step(RunResult &result) {
   if (engine_.call_count() < size_.waiting_calls + size_.attendants) {
      arrive();
      ++result.actions[static_cast<std::size_t>(Action::arrival)];
      if (callers_.size() + 1 >= callers_.capacity()) forget_ended_calls();
      return;
   }
   for (std::size_t tries = 0; tries < kTriesPerChoice && !callers_.empty(); ++tries) {
      const std::size_t i = below(callers_.size());
      std::swap(callers_[i], callers_.back());
      const std::string id = std::move(callers_.back());
      callers_.pop_back();
      if (!engine_.find_call(id)) continue;
      meter_.time([&] { engine_.on_ended(id, 200); });
      ++result.actions[static_cast<std::size_t>(Action::caller_hangup)];
      return;
   }
}

void Workload::target_step(RunResult &result) {
   if (transfers_.empty()) return;
   const std::size_t i = below(transfers_.size());
   std::swap(transfers_[i], transfers_.back());
   const TransferLeg transfer = std::move(transfers_.back());
   transfers_.pop_back();
   const engine::Call *call = engine_.find_call(transfer.call_id);
   if (!call || call->leg != transfer.leg_id || call->phase != engine::CallPhase::processing) return;
   if (below(10) < 7) {
      meter_.time([&] { engine_.on_answered(transfer.leg_id); });
      ++result.actions[static_cast<std::size_t>(Action::target_answer)];
      return;
   }
   meter_.time([&] { engine_.on_ended(transfer.leg_id, 486); });
   ++result.actions[static_cast<std::size_t>(Action::target_busy)];
   if (!transfer.blind) failed_[transfer.tenant].push_back(transfer.call_id);
}

void Workload::confirm_connects() {
   // Confirming may ask for more connects; each round takes the ones asked so far.
   for (int round = 0; round < 4 && !trunk_.connects.empty(); ++round) {
      const auto connects = std::move(trunk_.connects);
      trunk_.connects.clear();
      for (const auto &[call_id, other] : connects) meter_.time([&] { engine_.on_connected(call_id, other); });
      connected_ += connects.size();
   }
}

RunResult Workload::run() {
   RunResult result;
   const std::int64_t sim_start = timers_.now_ms();
   const auto start = std::chrono::steady_clock::now();
   const double cpu_start = thread_cpu_seconds();
   const auto deadline = start + std::chrono::duration<double>(size_.max_seconds);
   for (; result.steps < size_.steps; ++result.steps) {
      // The clock is read every 256 steps: reading it each time would show in the figures.
      if ((result.steps & 255U) == 0 && std::chrono::steady_clock::now() > deadline) break;
      const std::size_t roll = below(100);
      if (roll < 40) {
         attendant_step(result);
      } else if (roll < 75) {
         caller_step(result);
      } else if (roll < 85) {
         target_step(result);
      }
      confirm_connects();
      timers_.advance(kStepMs);
      confirm_connects();
   }
   result.actions[static_cast<std::size_t>(Action::connected)] = connected_;
   result.wall_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
   result.simulated_ms = timers_.now_ms() - sim_start;
   result.cpu_seconds = thread_cpu_seconds() - cpu_start;
   return result;
}

}  // namespace portier::bench
