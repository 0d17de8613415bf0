// SPDX-License-Identifier: GPL-3.0-or-later
// The processing queue: calls an attendant put on hold, is transferring, parked or paged wait
// there with music, visible to every attendant of the tenant, until one is retrieved, handed
// over, or the caller hangs up.
#include "engine/runtime/engine.h"

#include <algorithm>
#include <tuple>

namespace portier::engine {

Outcome Engine::may_process(const Attendant *attendant, const Call *call) const {
   if (!attendant) return Outcome::unknown_attendant;
   if (!call) return Outcome::unknown_call;
   if (call->phase == CallPhase::connected) {
      return call->attendant == attendant->id ? Outcome::ok : Outcome::not_connected;
   }
   if (call->phase == CallPhase::processing) {
      return call->rules.tenant == attendant->tenant ? Outcome::ok : Outcome::not_assigned;
   }
   return Outcome::not_connected;
}

// The attendant's part of a connected call ends: their leg is hung up and they are free.
void Engine::leave_attendant(Call &call) {
   if (call.phase != CallPhase::connected) return;
   drop_handover(call);  // a connect not yet confirmed no longer matters
   trunk_.hangup(call.leg);
   call_by_leg_.erase(call.leg);
   call.leg.clear();
   const std::string attendant = call.attendant;
   call.attendant.clear();
   release_attendant(attendant, true);
}

// Whatever a call in the processing queue was doing stops: the transfer target is no longer
// called, the callback number is free, the transfer or park time no longer runs, and a hand-over
// not yet confirmed is called off (whoever dialled the callback number is hung up).
void Engine::stop_processing_activity(Call &call) {
   if (call.handover && call.handover->kind == HandoverKind::pickup) trunk_.hangup(call.handover->other);
   drop_handover(call);
   timers_.cancel(call.phase_timer);
   call.phase_timer = kNoTimer;
   if (!call.leg.empty()) {
      trunk_.hangup(call.leg);
      call_by_leg_.erase(call.leg);
      call.leg.clear();
   }
   free_callback(call);
}

void Engine::enter_processing(Call &call, ProcessingState state, const std::string &by) {
   if (!call.processing) {
      call.processing = Processing{};
      call.processing->since_ms = timers_.now_ms();
      call.processing->sequence = next_sequence_++;
   }
   call.phase = CallPhase::processing;
   Processing &processing = *call.processing;
   processing.state = state;
   processing.by = by;
   if (state != ProcessingState::transferring && state != ProcessingState::transfer_failed) {
      processing.target.clear();
      processing.blind = false;
   }
}

void Engine::emit_processing(const Call &call) {
   const Processing &p = *call.processing;
   emit(CallProcessing{call.id, call.rules.tenant, p.state, p.by, p.target, p.callback_number});
}

void Engine::caller_ended_processing(Call &call) {
   stop_processing_activity(call);  // ends the target's leg and frees the callback number
   finish(call.id, EndReason::answered);
}

Outcome Engine::hold(std::string_view attendant_id, std::string_view call_id) {
   Attendant *attendant = attendant_by_id(attendant_id);
   Call *call = call_by_id(call_id);
   if (const Outcome outcome = may_process(attendant, call); outcome != Outcome::ok) return outcome;
   if (call->phase != CallPhase::connected) return Outcome::not_connected;
   const std::string by = attendant->id;
   leave_attendant(*call);
   trunk_.play(call->id, kMusicOnHold, true);
   enter_processing(*call, ProcessingState::held, by);
   emit_processing(*call);
   distribute();
   return Outcome::ok;
}

Outcome Engine::retrieve(std::string_view attendant_id, std::string_view call_id) {
   Attendant *attendant = attendant_by_id(attendant_id);
   if (!attendant) return Outcome::unknown_attendant;
   Call *call = call_by_id(call_id);
   if (!call) return Outcome::unknown_call;
   if (call->phase != CallPhase::processing) return Outcome::not_processing;
   if (call->rules.tenant != attendant->tenant) return Outcome::not_assigned;
   if (!attendant->call.empty()) return Outcome::attendant_busy;
   stop_processing_activity(*call);
   Processing &processing = *call->processing;
   // Should the retrieve go unanswered, the call waits as held: what it was doing has stopped.
   if (processing.state == ProcessingState::transferring || processing.state == ProcessingState::parked ||
       processing.state == ProcessingState::paged) {
      processing.state = ProcessingState::held;
   }
   processing.by = attendant->id;
   offer(*call, *attendant);  // like a push: a leg to the device, connected on answer
   return Outcome::ok;
}

std::vector<CallProcessing> Engine::processing_queue(std::string_view tenant) const {
   std::vector<const Call *> found;
   for (const auto &[id, call] : calls_) {
      if (call.phase == CallPhase::processing && call.processing && call.rules.tenant == tenant) {
         found.push_back(&call);
      }
   }
   std::sort(found.begin(), found.end(), [](const Call *a, const Call *b) {
      return std::tie(a->processing->since_ms, a->processing->sequence) <
             std::tie(b->processing->since_ms, b->processing->sequence);
   });
   std::vector<CallProcessing> queue;
   queue.reserve(found.size());
   for (const Call *call : found) {
      const Processing &p = *call->processing;
      queue.push_back(CallProcessing{call->id, call->rules.tenant, p.state, p.by, p.target, p.callback_number});
   }
   return queue;
}

}  // namespace portier::engine
