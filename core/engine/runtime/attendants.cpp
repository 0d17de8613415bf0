// SPDX-License-Identifier: GPL-3.0-or-later
// Attendants' inputs: log on and off, availability, and taking a call in pick mode.
#include "engine/runtime/engine.h"

namespace portier::engine {

AttendantState Engine::attendant_state(const Attendant &attendant) const {
   if (!attendant.call.empty()) {
      const Call *call = find_call(attendant.call);
      const bool answered = call && (call->phase == CallPhase::connected || call->phase == CallPhase::greeting);
      return answered ? AttendantState::busy : AttendantState::offered;
   }
   return attendant.available ? AttendantState::available : AttendantState::unavailable;
}

void Engine::emit_attendant(const Attendant &attendant) {
   follow_forwarding(attendant);  // every change of an attendant's state passes here
   emit(AttendantChanged{attendant.id, attendant_state(attendant), attendant.call, attendant.tenant});
}

Outcome Engine::log_on(const LogOn &request) {
   if (request.attendant.empty() || request.device.empty()) return Outcome::invalid;
   if (attendants_.count(request.attendant) != 0) return Outcome::already_logged_on;
   // An attendant serves one tenant, and only pilot numbers of that tenant: calls never cross.
   if (!find_tenant(data_, request.tenant)) return Outcome::unknown_tenant;
   for (const std::string &pilot : request.pilots) {
      const DdiEntry *entry = find_ddi(data_, pilot);
      if (!entry || entry->tenant != request.tenant) return Outcome::not_assigned;
   }
   if (!request.personal_line.empty() && attendant_by_line_.count(request.personal_line) != 0) {
      return Outcome::line_in_use;
   }
   Attendant attendant;
   attendant.id = request.attendant;
   attendant.tenant = request.tenant;
   attendant.device = request.device;
   attendant.personal_line = request.personal_line;
   attendant.pilots = request.pilots;
   attendant.available = request.available;
   attendant.greeting = request.greeting;
   attendant.idle_since_ms = timers_.now_ms();
   attendant.logon_sequence = next_sequence_++;
   if (!attendant.personal_line.empty()) attendant_by_line_.emplace(attendant.personal_line, attendant.id);
   const Attendant &added = attendants_.emplace(attendant.id, std::move(attendant)).first->second;
   clear_stale_forwarding(added);
   emit_attendant(added);
   distribute();
   return Outcome::ok;
}

Outcome Engine::log_off(std::string_view attendant_id) {
   Attendant *attendant = attendant_by_id(attendant_id);
   if (!attendant) return Outcome::unknown_attendant;
   if (!attendant->call.empty()) {
      Call *call = call_by_id(attendant->call);
      if (call && (call->phase == CallPhase::connected || call->phase == CallPhase::greeting)) {
         return Outcome::attendant_busy;
      }
      if (call && call->phase == CallPhase::offered) {
         trunk_.hangup(call->leg);
         take_back(*call);
      }
   }
   const std::string id(attendant_id);
   const std::string tenant = attendant->tenant;
   drop_forwarding(id, attendant->device);
   if (!attendant->personal_line.empty()) {
      attendant_by_line_.erase(attendant->personal_line);
      leave_personal_queue(attendant->personal_line);
   }
   attendants_.erase(attendants_.find(id));
   emit(AttendantChanged{id, AttendantState::logged_off, {}, tenant});
   distribute();
   return Outcome::ok;
}

// Nobody serves a personal line whose attendant has logged off: its waiting callers go to their
// time-overflow variant now, or, without one, hear the busy tone, so that none waits forever.
void Engine::leave_personal_queue(const std::string &line) {
   const auto queue = personal_queues_.find(line);
   if (queue == personal_queues_.end()) return;
   for (const std::string &call_id : queue->second.call_ids()) {
      Call *call = call_by_id(call_id);
      if (!call || call->phase != CallPhase::waiting) continue;
      queue->second.erase(call->place);
      Variant busy;
      busy.id = "busy";
      busy.mode = VariantMode::busy;
      apply_variant(*call, call->rules.time_overflow_variant ? *call->rules.time_overflow_variant : busy);
   }
}

Outcome Engine::set_available(std::string_view attendant_id, bool available) {
   Attendant *attendant = attendant_by_id(attendant_id);
   if (!attendant) return Outcome::unknown_attendant;
   if (attendant->available == available) return Outcome::ok;
   if (!available && !attendant->call.empty()) {
      Call *call = call_by_id(attendant->call);
      if (call && call->phase == CallPhase::offered) {
         trunk_.hangup(call->leg);
         take_back(*call);  // marks the attendant unavailable, unless it was a retrieve
         if (attendant->available) {
            attendant->available = false;
            emit_attendant(*attendant);
         }
         distribute();
         return Outcome::ok;
      }
   }
   attendant->available = available;
   if (available) attendant->idle_since_ms = timers_.now_ms();
   emit_attendant(*attendant);
   distribute();
   return Outcome::ok;
}

Outcome Engine::pick(std::string_view attendant_id, std::string_view call_id) {
   Attendant *attendant = attendant_by_id(attendant_id);
   if (!attendant) return Outcome::unknown_attendant;
   Call *call = call_by_id(call_id);
   if (!call) return Outcome::unknown_call;
   if (call->phase != CallPhase::waiting) return Outcome::not_waiting;
   if (call->rules.routing != RoutingType::pick) return Outcome::wrong_mode;
   if (!serves(*attendant, *call)) return Outcome::not_assigned;
   if (!attendant->call.empty()) return Outcome::attendant_busy;
   offer(*call, *attendant);
   return Outcome::ok;
}

}  // namespace portier::engine
