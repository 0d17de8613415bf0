// SPDX-License-Identifier: GPL-3.0-or-later
// Connecting a caller to the attendant who answered, after the attendant's personal greeting
// has played to both sides.
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
   if (call.taken_ms < 0) call.taken_ms = timers_.now_ms();  // the first attendant counts
   call.greeting_media.clear();
   call.processing.reset();
   trunk_.connect(call.id, call.leg);
   emit(CallConnected{call.id, call.attendant});
   if (const Attendant *attendant = attendant_by_id(call.attendant)) emit_attendant(*attendant);
}

void Engine::on_greeting_over(const std::string &call_id, const std::string &leg_id) {
   Call *call = call_by_id(call_id);
   if (!call || call->phase != CallPhase::greeting || call->leg != leg_id) return;
   call->phase_timer = kNoTimer;
   note(call_id, "greeting: no media done in time, connected anyway");
   connect_attendant(*call);
}

}  // namespace portier::engine
