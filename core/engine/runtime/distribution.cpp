// SPDX-License-Identifier: GPL-3.0-or-later
// Automatic distribution: the most urgent, longest-waiting call goes to the longest-idle free
// attendant who serves its queue; an unanswered or failed push comes back to its place.
#include "engine/runtime/engine.h"

#include <algorithm>
#include <map>
#include <string>
#include <tuple>
#include <vector>

namespace portier::engine {

bool Engine::serves(const Attendant &attendant, const Call &call) const {
   if (call.rules.personal) return attendant.personal_line == call.rules.queue;
   return std::find(attendant.pilots.begin(), attendant.pilots.end(), call.rules.queue) != attendant.pilots.end();
}

namespace {

// Free, available attendants, the longest idle first. Distribution runs after every input; it
// looks only at the queues these attendants serve, instead of every queue times every attendant.
std::vector<Attendant *> free_attendants(std::map<std::string, Attendant, std::less<>> &attendants) {
   std::vector<Attendant *> free;
   for (auto &[id, attendant] : attendants) {
      if (attendant.available && attendant.call.empty()) free.push_back(&attendant);
   }
   std::sort(free.begin(), free.end(), [](const Attendant *a, const Attendant *b) {
      return std::tie(a->idle_since_ms, a->logon_sequence) < std::tie(b->idle_since_ms, b->logon_sequence);
   });
   return free;
}

}  // namespace

void Engine::distribute() {
   const std::vector<Attendant *> free = free_attendants(attendants_);
   // Each round gives one call to one free attendant, so the rounds are bounded by them.
   for (std::size_t round = 0; round < free.size(); ++round) {
      Call *best_call = nullptr;
      Attendant *best_attendant = nullptr;
      // In idle order, so the first attendant to reach a queue is the longest idle who serves it;
      // a later one reaching the same front is not strictly better and does not replace them.
      const auto consider = [&](Attendant *attendant, const Queues &queues, const std::string &number) {
         const auto queue = queues.find(number);
         if (queue == queues.end()) return;
         const QueuePlace *front = queue->second.front();
         if (!front || (best_call && !served_before(*front, best_call->place))) return;
         Call *call = call_by_id(front->call_id);
         if (!call || call->rules.routing != RoutingType::automatic) return;
         best_call = call;
         best_attendant = attendant;
      };
      for (Attendant *attendant : free) {
         if (!attendant->call.empty()) continue;  // offered a call in an earlier round
         for (const std::string &pilot : attendant->pilots) consider(attendant, pilot_queues_, pilot);
         if (!attendant->personal_line.empty()) consider(attendant, personal_queues_, attendant->personal_line);
      }
      if (!best_call) return;
      offer(*best_call, *best_attendant);
   }
}

void Engine::offer(Call &call, Attendant &attendant) {
   queue_of(call).erase(call.place);
   const std::string leg = next_leg_id();
   call_by_leg_.emplace(leg, call.id);
   call.phase = CallPhase::offered;
   call.attendant = attendant.id;
   call.leg = leg;
   attendant.call = call.id;
   place_push(call, attendant.device, leg);
   const std::string call_id = call.id;
   call.phase_timer = timers_.start(call.rules.times.default_rna_timeout_ms,
                                    [this, call_id, leg] { on_rna_timeout(call_id, leg); });
   emit(CallOffered{call.id, attendant.id, leg, call.rules.tenant});
   emit_attendant(attendant);
}

void Engine::on_rna_timeout(const std::string &call_id, const std::string &leg_id) {
   Call *call = call_by_id(call_id);
   if (!call || call->phase != CallPhase::offered || call->leg != leg_id) return;
   call->phase_timer = kNoTimer;
   trunk_.hangup(leg_id);
   take_back(*call);
   distribute();
}

void Engine::take_back(Call &call) {
   // A retrieve the attendant asked for does not make them unavailable; a push does.
   const bool retrieved = call.processing.has_value();
   if (Attendant *attendant = attendant_by_id(call.attendant)) {
      attendant->call.clear();
      if (!retrieved) attendant->available = false;
      emit_attendant(*attendant);
   }
   if (!call.leg.empty()) call_by_leg_.erase(call.leg);
   call.leg.clear();
   timers_.cancel(call.phase_timer);
   call.phase_timer = kNoTimer;
   emit(CallTakenBack{call.id, call.attendant, call.rules.tenant});
   call.attendant.clear();
   trunk_.play(call.id, kMusicOnHold, true);
   if (retrieved) {
      enter_processing(call, call.processing->state, call.processing->by);
      emit_processing(call);
      return;
   }
   if (call.overflow_due && call.rules.time_overflow_variant) {
      apply_variant(call, *call.rules.time_overflow_variant);
      return;
   }
   enqueue(call, true);
}

void Engine::release_attendant(const std::string &attendant_id, bool was_talking) {
   Attendant *attendant = attendant_by_id(attendant_id);
   if (!attendant) return;
   attendant->call.clear();
   // Only a conversation restarts the idle time; a push the caller gave up on does not.
   if (was_talking) attendant->idle_since_ms = timers_.now_ms();
   emit_attendant(*attendant);
}

}  // namespace portier::engine
