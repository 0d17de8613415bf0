// SPDX-License-Identifier: GPL-3.0-or-later
// Offering a call to a number: forwarding (CFU, CFB, CFNR), do-not-disturb, busy, ringing.
//
// Do-not-disturb counts as busy: with CFB set the call is diverted (cause callForwardBusy),
// otherwise it fails with cause doNotDisturb. A forwarding chain stops after max_forward_hops
// diversions, or when its next destination was already offered the call; the call then rings
// (or fails) at the device where the chain stopped.
#include "office/office.h"

#include <algorithm>

namespace portier::pbxsim {

bool Office::may_forward(const Call &call, std::string_view destination) const {
   return call.forward_hops < spec_.max_forward_hops &&
          std::find(call.offered.begin(), call.offered.end(), destination) == call.offered.end();
}

void Office::route(Call &call, std::string number) {
   // Each pass either ends or diverts, and diversions are bounded by may_forward().
   for (;;) {
      call.offered.push_back(number);
      if (is_external(number)) {
         // A trunk number rings only when the trunk says so (external_alerting).
         if (trunk_numbers_ && trunk_numbers_(number)) {
            add_connection(call, number, ConnectionState::initiated);
            if (changed_) changed_();
            return;
         }
         add_connection(call, number, ConnectionState::alerting);
         CallEvent ev = event_for(call, CallEventType::delivered, number, call.cause);
         ev.connected = number;
         emit_to_parties(call, ev);
         return;
      }
      Device *device = find_device(number);
      if (!device || !device->spec.in_service) {
         fail(call, number, EventCause::dest_not_obtainable);
         return;
      }
      const ForwardingSettings &fw = device->forwarding;
      if (fw.unconditional.on && may_forward(call, fw.unconditional.destination)) {
         number = fw.unconditional.destination;
         divert(call, *device, number, EventCause::call_forward_immediate, false);
         continue;
      }
      const bool busy = device->spec.rules.busy || has_active_connection(*device);
      if (device->dnd || busy) {
         if (fw.busy.on && may_forward(call, fw.busy.destination)) {
            number = fw.busy.destination;
            divert(call, *device, number, EventCause::call_forward_busy, false);
            continue;
         }
         fail(call, number, device->dnd ? EventCause::do_not_disturb : EventCause::busy);
         return;
      }
      add_connection(call, number, ConnectionState::alerting);
      const Connection &ringing = call.connections.back();
      CallEvent ev = event_for(call, CallEventType::delivered, number, call.cause);
      ev.connected = number;
      emit_to_parties(call, ev);
      if (device->spec.rules.answer_after_ms)
         schedule(*device->spec.rules.answer_after_ms, TimerKind::auto_answer, number, call.id,
                  ringing.serial);
      if (fw.no_answer.on)
         schedule(spec_.no_answer_ms, TimerKind::no_answer, number, call.id, ringing.serial);
      return;
   }
}

// `from` hands the call on to `to`: it was ringing there (deflect, CFNR) or never rang (CFU, CFB).
void Office::divert(Call &call, Device &from, std::string_view to, EventCause cause, bool was_alerting) {
   const std::string who = from.spec.number;
   call.redirecting = who;
   call.cause = cause;
   if (cause != EventCause::redirected)
      ++call.forward_hops;
   CallEvent ev = event_for(call, CallEventType::diverted, who, cause);
   ev.connected = to;
   if (was_alerting) {
      emit_to_parties(call, ev, who);
      remove_connection(call, who);
   } else {
      emit_to_parties(call, ev);
      emit_to_device(from, ev, ConnectionState::null);
   }
}

// The offering party's connection fails; an outside caller simply goes away.
void Office::fail(Call &call, std::string_view target, EventCause cause) {
   if (call.connections.empty()) {
      const std::string id = call.id;
      calls_.erase(id);
      return;
   }
   Connection &origin = call.connections.front();
   origin.state = ConnectionState::fail;
   emit_to_parties(call, event_for(call, CallEventType::failed, target, cause));
   if (!origin.device)
      release_call(call, origin.party, cause);
}

} // namespace portier::pbxsim
