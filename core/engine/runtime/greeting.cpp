// SPDX-License-Identifier: GPL-3.0-or-later
// Connecting a caller to the attendant who answered, after the attendant's personal greeting
// has played to both sides; a connect the trunk cannot make gives the call back.
#include "engine/runtime/engine.h"

namespace portier::engine {

void Engine::attendant_answered(Call &call) {
   timers_.cancel(call.phase_timer);  // the RNA timeout
   call.phase_timer = kNoTimer;
   const Attendant *attendant = attendant_by_id(call.attendant);
   if (!attendant || attendant->greeting.empty()) {
      connect_attendant(call);
      return;
   }
   call.phase = CallPhase::greeting;
   call.greeting_media = attendant->greeting;
   trunk_.play(call.id, call.greeting_media, false);
   trunk_.play(call.leg, call.greeting_media, false);
   // MEDIA_DONE of the attendant's leg connects; this guard connects when it never comes.
   const std::string call_id = call.id;
   const std::string leg_id = call.leg;
   call.phase_timer = timers_.start(kGreetingGuardMs, [this, call_id, leg_id] { on_greeting_over(call_id, leg_id); });
   emit_attendant(*attendant);
}

void Engine::connect_attendant(Call &call) {
   timers_.cancel(call.phase_timer);
   call.phase_timer = kNoTimer;
   timers_.cancel(call.queue_timer);  // an attendant has it: no overflow any more
   call.queue_timer = kNoTimer;
   call.overflow_due = false;
   call.phase = CallPhase::connected;
   const std::int64_t taken_before_ms = call.taken_ms;
   if (call.taken_ms < 0) call.taken_ms = timers_.now_ms();  // the first attendant counts
   call.greeting_media.clear();
   Handover handover{HandoverKind::attendant, call.leg, taken_before_ms, std::move(call.processing)};
   call.processing.reset();
   emit(CallConnected{call.id, call.attendant, call.rules.tenant});
   if (const Attendant *attendant = attendant_by_id(call.attendant)) emit_attendant(*attendant);
   hand_over(call, std::move(handover));  // last: the trunk may confirm at once
}

// The trunk could not join caller and attendant: the attendant's leg ends, the attendant is free
// (and stays available: it was not their fault), and the call goes back where it came from, its
// own queue or, when it was retrieved, the processing queue.
void Engine::attendant_connect_failed(Call &call, const Handover &handover, const std::string &why) {
   const std::string attendant_id = call.attendant;
   note(call.id, "connect to attendant " + attendant_id + " failed: " + why);
   trunk_.hangup(call.leg);
   call_by_leg_.erase(call.leg);
   call.leg.clear();
   call.attendant.clear();
   call.taken_ms = handover.taken_before_ms;
   if (Attendant *attendant = attendant_by_id(attendant_id)) {
      attendant->call.clear();
      emit_attendant(*attendant);
   }
   emit(CallTakenBack{call.id, attendant_id, call.rules.tenant});
   if (handover.processing) {
      call.processing = handover.processing;
      trunk_.play(call.id, kMusicOnHold, true);
      enter_processing(call, call.processing->state, call.processing->by);
      emit_processing(call);
      return;
   }
   requeue_timed(call);
}

void Engine::on_greeting_over(const std::string &call_id, const std::string &leg_id) {
   Call *call = call_by_id(call_id);
   if (!call || call->phase != CallPhase::greeting || call->leg != leg_id) return;
   call->phase_timer = kNoTimer;
   note(call_id, "greeting: no media done in time, connected anyway");
   connect_attendant(*call);
}

}  // namespace portier::engine
