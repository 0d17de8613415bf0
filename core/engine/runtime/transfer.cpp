// SPDX-License-Identifier: GPL-3.0-or-later
// Supervised and blind transfer: the caller waits in the processing queue with music while a
// second leg calls the target; the two are connected only when the target answers, and the call
// is the target's only once the trunk confirms the connect.
#include "engine/runtime/engine.h"

namespace portier::engine {

Outcome Engine::transfer(std::string_view attendant, std::string_view call_id, std::string_view target) {
   return transfer_call(attendant, call_id, target, false);
}

Outcome Engine::blind_transfer(std::string_view attendant, std::string_view call_id, std::string_view target) {
   return transfer_call(attendant, call_id, target, true);
}

Outcome Engine::transfer_call(std::string_view attendant_id, std::string_view call_id, std::string_view target,
                              bool blind) {
   Attendant *attendant = attendant_by_id(attendant_id);
   Call *call = call_by_id(call_id);
   if (const Outcome outcome = may_process(attendant, call); outcome != Outcome::ok) return outcome;
   if (target.empty()) return Outcome::invalid;
   const std::string by = attendant->id;
   if (call->phase == CallPhase::connected) {
      leave_attendant(*call);
      trunk_.play(call->id, kMusicOnHold, true);
   } else {
      stop_processing_activity(*call);  // try again, or another target
   }
   start_transfer(*call, by, target, blind);
   distribute();
   return Outcome::ok;
}

void Engine::start_transfer(Call &call, const std::string &by, std::string_view target, bool blind) {
   enter_processing(call, ProcessingState::transferring, by);
   call.processing->target = std::string(target);
   call.processing->blind = blind;
   const std::string leg = next_leg_id();
   call_by_leg_.emplace(leg, call.id);
   call.leg = leg;
   // No call waits on the leg's early media: the caller keeps the music until the target answers.
   trunk_.place_call(PlaceCall{leg, target, call.caller, call.rules.charge_number, "", EarlyMedia::ringback});
   const std::string call_id = call.id;
   call.phase_timer = timers_.start(call.rules.times.max_transfer_time_ms,
                                    [this, call_id, leg] { on_transfer_time_over(call_id, leg); });
   emit_processing(call);
}

void Engine::transfer_answered(Call &call) {
   if (!call.processing || call.processing->state != ProcessingState::transferring || call.handover) return;
   // Still `transferring` until CONNECTED; a failed connect makes it `transfer_failed`.
   hand_over(call, Handover{HandoverKind::transfer, call.leg, -1, {}});
}

void Engine::transfer_failed(Call &call, const std::string &why) {
   drop_handover(call);
   timers_.cancel(call.phase_timer);
   call.phase_timer = kNoTimer;
   if (!call.leg.empty()) {
      call_by_leg_.erase(call.leg);
      call.leg.clear();
   }
   Processing &processing = *call.processing;
   note(call.id, "transfer to " + processing.target + " failed: " + why);
   processing.state = ProcessingState::transfer_failed;
   emit_processing(call);  // front ends learn of a failed blind transfer too
   if (processing.blind) {
      // Nobody decides on a blind transfer: the call goes back to its place in the pilot's queue,
      // and its max time in queue runs again so that it cannot wait there for ever.
      call.processing.reset();
      requeue_timed(call);
   }
}

void Engine::on_transfer_time_over(const std::string &call_id, const std::string &leg_id) {
   Call *call = call_by_id(call_id);
   if (!call || call->phase != CallPhase::processing || call->leg != leg_id) return;
   call->phase_timer = kNoTimer;
   trunk_.hangup(leg_id);
   transfer_failed(*call, "no answer within the max transfer time");
   distribute();
}

}  // namespace portier::engine
