// SPDX-License-Identifier: GPL-3.0-or-later
// An attendant lets go of a call: hangs up on the caller (hang_up), or sends the caller back to
// their queue (return_to_queue). Both act on the attendant's connected call or on a call in the
// processing queue of the attendant's tenant, like hold and transfer.
#include "engine/runtime/engine.h"

namespace portier::engine {

Outcome Engine::hang_up(std::string_view attendant_id, std::string_view call_id) {
   Attendant *attendant = attendant_by_id(attendant_id);
   Call *call = call_by_id(call_id);
   if (const Outcome outcome = may_process(attendant, call); outcome != Outcome::ok) return outcome;
   const std::string id = call->id;
   if (call->phase == CallPhase::connected) {
      // As when the caller hangs up, but from the attendant's side: both legs end.
      drop_handover(*call);
      trunk_.hangup(call->leg);
      release_attendant(call->attendant, true);
   } else {
      stop_processing_activity(*call);  // ends a transfer target's leg, frees a callback number
      call->processing->by = attendant->id;  // call_ended names who hung up
   }
   trunk_.hangup(id);
   finish(id, EndReason::released);
   distribute();
   return Outcome::ok;
}

Outcome Engine::return_to_queue(std::string_view attendant_id, std::string_view call_id) {
   Attendant *attendant = attendant_by_id(attendant_id);
   Call *call = call_by_id(call_id);
   if (const Outcome outcome = may_process(attendant, call); outcome != Outcome::ok) return outcome;
   if (call->phase == CallPhase::connected) {
      leave_attendant(*call);
   } else {
      stop_processing_activity(*call);
      call->processing.reset();  // call_queued tells front ends it left the processing queue
   }
   // Its place was kept for life: it stands where it stood, as after a failed blind transfer.
   requeue_timed(*call);
   distribute();
   return Outcome::ok;
}

}  // namespace portier::engine
