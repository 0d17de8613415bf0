// SPDX-License-Identifier: GPL-3.0-or-later
#include "records.h"

#include <portier/event.hpp>

#include "mapping.h"

namespace portier::osv {

portier_pbx_result_event result_record(std::uint64_t correlation, portier_status status, std::int32_t detail,
                                       std::string_view device, std::string_view call_id,
                                       std::string_view message) {
   auto ev = make_event<portier_pbx_result_event>(PORTIER_SPACE_PBX, PORTIER_PBX_EV_RESULT);
   ev.header.correlation = correlation;
   ev.status = status;
   ev.detail = detail;
   set_text(ev.header, ev.device, device);
   set_text(ev.header, ev.call_id, call_id);
   set_text(ev.header, ev.message, message);
   return ev;
}

portier_pbx_device_event device_record(std::uint64_t correlation, std::string_view device,
                                       const DeviceState &state) {
   auto ev = make_event<portier_pbx_device_event>(PORTIER_SPACE_PBX, PORTIER_PBX_EV_DEVICE);
   ev.header.correlation = correlation;
   ev.state = state.state;
   set_text(ev.header, ev.device, device);
   set_text(ev.header, ev.forward_to, state.forward_to);
   return ev;
}

portier_pbx_call_event call_record(std::uint64_t correlation, std::string_view device,
                                   const csta::CallEvent &e) {
   using K = csta::CallEventKind;
   auto ev = make_event<portier_pbx_call_event>(PORTIER_SPACE_PBX, PORTIER_PBX_EV_CALL);
   ev.header.correlation = correlation;
   ev.call_event = map_call_event(e.kind);
   ev.cause = map_cause(e.cause);
   set_text(ev.header, ev.device, device);
   set_text(ev.header, ev.call_id, e.connection.call_id);
   set_text(ev.header, ev.secondary_call_id, e.secondary.call_id);
   set_text(ev.header, ev.calling, e.calling.number);
   set_text(ev.header, ev.called, e.called.number);
   std::string_view connected;
   std::string_view redirecting = e.last_redirection.number;
   switch (e.kind) {
   case K::delivered:
   case K::established:
   case K::retrieved: connected = e.subject.number; break;
   case K::diverted:
      connected = e.other.number;
      redirecting = e.subject.number;
      break;
   case K::transferred:
   case K::conferenced: connected = e.other.number; break;
   default: break;
   }
   set_text(ev.header, ev.connected, connected);
   set_text(ev.header, ev.redirecting, redirecting);
   return ev;
}

portier_pbx_call_event snapshot_call_record(std::uint64_t correlation, std::string_view device,
                                            const csta::SnapshotCall &call) {
   auto ev = make_event<portier_pbx_call_event>(PORTIER_SPACE_PBX, PORTIER_PBX_EV_CALL);
   ev.header.correlation = correlation;
   const std::string &s = call.state;
   ev.call_event = s == "alerting" || s == "queued" ? PORTIER_PBX_CALL_DELIVERED
                   : s == "hold"                    ? PORTIER_PBX_CALL_HELD
                   : s == "initiated"               ? PORTIER_PBX_CALL_SERVICE_INITIATED
                   : s == "fail"                    ? PORTIER_PBX_CALL_FAILED
                                                    : PORTIER_PBX_CALL_ESTABLISHED;
   set_text(ev.header, ev.device, device);
   set_text(ev.header, ev.call_id, call.connection.call_id);
   return ev;
}

portier_pbx_features_event features_record(std::uint64_t correlation, std::string_view device,
                                           const Features &f) {
   auto ev = make_event<portier_pbx_features_event>(PORTIER_SPACE_PBX, PORTIER_PBX_EV_FEATURES);
   ev.header.correlation = correlation;
   ev.dnd = f.dnd;
   ev.forward_unconditional = f.forward_unconditional;
   ev.forward_busy = f.forward_busy;
   ev.forward_no_answer = f.forward_no_answer;
   set_text(ev.header, ev.device, device);
   set_text(ev.header, ev.forward_unconditional_to, f.forward_unconditional_to);
   set_text(ev.header, ev.forward_busy_to, f.forward_busy_to);
   set_text(ev.header, ev.forward_no_answer_to, f.forward_no_answer_to);
   return ev;
}

}  // namespace portier::osv
