// SPDX-License-Identifier: GPL-3.0-or-later
// Automatic distribution: the most urgent, longest-waiting call goes to the longest-idle free
// attendant who serves its queue; an unanswered or failed push comes back to its place.
#include "engine/runtime/engine.h"

#include <algorithm>
#include <tuple>

namespace portier::engine {

bool Engine::serves(const Attendant &attendant, const Call &call) const {
   if (call.rules.personal) return attendant.personal_line == call.rules.queue;
   return std::find(attendant.pilots.begin(), attendant.pilots.end(), call.rules.queue) != attendant.pilots.end();
}

Attendant *Engine::longest_idle_for(const Call &call) {
   Attendant *best = nullptr;
   for (auto &[id, attendant] : attendants_) {
      if (!attendant.available || !attendant.call.empty() || !serves(attendant, call)) continue;
      if (!best || std::tie(attendant.idle_since_ms, attendant.logon_sequence) <
                       std::tie(best->idle_since_ms, best->logon_sequence)) {
         best = &attendant;
      }
   }
   return best;
}

void Engine::distribute() {
   // Each round gives one call to one free attendant, so the rounds are bounded by them.
   const std::size_t max_rounds = attendants_.size();
   for (std::size_t round = 0; round < max_rounds; ++round) {
      Call *best_call = nullptr;
      Attendant *best_attendant = nullptr;
      const auto consider = [&](const CallQueue &queue) {
         const QueuePlace *front = queue.front();
         if (!front) return;
         Call *call = call_by_id(front->call_id);
         if (!call || call->rules.routing != RoutingType::automatic) return;
         if (best_call && !served_before(call->place, best_call->place)) return;
         if (Attendant *attendant = longest_idle_for(*call)) {
            best_call = call;
            best_attendant = attendant;
         }
      };
      for (const auto &[number, queue] : pilot_queues_) consider(queue);
      for (const auto &[line, queue] : personal_queues_) consider(queue);
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
   trunk_.place_call(PlaceCall{leg, attendant.device, call.caller, call.rules.charge_number, call.id,
                               EarlyMedia::ringback});
   const std::string call_id = call.id;
   call.phase_timer = timers_.start(call.rules.times.default_rna_timeout_ms,
                                    [this, call_id, leg] { on_rna_timeout(call_id, leg); });
   emit(CallOffered{call.id, attendant.id, leg});
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
   emit(CallTakenBack{call.id, call.attendant});
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
