// SPDX-License-Identifier: GPL-3.0-or-later
#include "server/event_frames.h"

#include <portier/csta/server_builders.h>

namespace portier::pbxsim {
namespace {

csta::CallEventKind kind_of(CallEventType type) {
   using K = csta::CallEventKind;
   switch (type) {
   case CallEventType::delivered: return K::delivered;
   case CallEventType::established: return K::established;
   case CallEventType::connection_cleared: return K::connection_cleared;
   case CallEventType::diverted: return K::diverted;
   case CallEventType::transferred: return K::transferred;
   case CallEventType::held: return K::held;
   case CallEventType::retrieved: return K::retrieved;
   case CallEventType::originated: return K::originated;
   case CallEventType::service_initiated: return K::service_initiated;
   case CallEventType::failed: return K::failed;
   case CallEventType::conferenced: return K::conferenced;
   }
   return K::call_information;
}

csta::DeviceId device(const std::string &number) {
   if (number.empty()) return {};
   return csta::parse_device_id(number);
}

std::string call_xml(const CallEvent &e) {
   csta::CallEvent out;
   out.kind = kind_of(e.type);
   out.cross_ref_id = e.cross_ref;
   // The connection the event is about is the acting device's, as OSV reports it.
   out.connection = csta::connection(e.call_id, e.subject.empty() ? e.monitored : e.subject);
   if (!e.secondary_call_id.empty()) out.secondary = csta::connection(e.secondary_call_id, e.subject);
   out.subject = device(e.subject);
   out.calling = device(e.calling);
   out.called = device(e.called);
   out.other = device(e.connected);
   out.last_redirection = device(e.redirecting);
   if ((e.type == CallEventType::transferred || e.type == CallEventType::conferenced) && !e.new_call_id.empty()) {
      csta::ConnectionListItem item;
      item.new_connection = csta::connection(e.new_call_id, e.monitored);
      item.old_connection = csta::connection(e.call_id, e.monitored);
      item.endpoint = device(e.monitored);
      out.connections.push_back(std::move(item));
   }
   out.local_connection_info = std::string(to_string(e.local_state));
   out.cause = std::string(to_string(e.cause));
   return csta::build(out);
}

} // namespace

const std::string &cross_ref_of(const OfficeEvent &event) {
   return std::visit([](const auto &e) -> const std::string & { return e.cross_ref; }, event);
}

std::string event_xml(const OfficeEvent &event) {
   if (const auto *call = std::get_if<CallEvent>(&event)) return call_xml(*call);
   if (const auto *fwd = std::get_if<ForwardingEvent>(&event)) {
      return csta::build(csta::ForwardingEvent{fwd->cross_ref, device(fwd->device),
                                               std::string(to_string(fwd->type)), fwd->on,
                                               fwd->destination});
   }
   if (const auto *service = std::get_if<ServiceEvent>(&event)) {
      if (service->in_service) return csta::build(csta::BackInServiceEvent{service->cross_ref, device(service->device)});
      return csta::build(csta::OutOfServiceEvent{service->cross_ref, device(service->device)});
   }
   const auto &dnd = std::get<DoNotDisturbEvent>(event);
   return csta::build(csta::DoNotDisturbEvent{dnd.cross_ref, device(dnd.device), dnd.on});
}

} // namespace portier::pbxsim
