// SPDX-License-Identifier: GPL-3.0-or-later
// Responses and events as OSV sends them; element order per csta-famos.md section 1.6 (E1-E20)
// and, for the events the note has no example of (Conferenced, CallInformation), ECMA-323.
#include "portier/csta/server_builders.h"

#include "portier/csta/xml_writer.h"
#include "builder_parts.h"

namespace portier::csta {

namespace {
using parts::csta;
using parts::one_connection;
using parts::write_connection;

// An event's device: <name><deviceIdentifier>raw</deviceIdentifier></name>, or, for an unknown
// device, <name><notKnown/></name> (<notRequired/> for lastRedirectionDevice, as OSV does).
void write_device(XmlWriter &xml, std::string_view name, const DeviceId &device, std::string_view empty_as = "notKnown") {
   xml.open(name);
   if (device.empty()) {
      xml.open(empty_as).close();
   } else {
      xml.leaf("deviceIdentifier", device.raw);
   }
   xml.close();
}

struct EventShape {
   std::string_view root;
   std::string_view connection;  // element of CallEvent::connection
   std::string_view subject;     // element of CallEvent::subject
   std::string_view other;       // element of CallEvent::other, "" when the event has none
   std::string_view list;        // transferredConnections / conferenceConnections, or ""
   bool parties = false;         // callingDevice, calledDevice, lastRedirectionDevice always present
};

EventShape shape_of(CallEventKind kind) {
   switch (kind) {
   case CallEventKind::delivered: return {"DeliveredEvent", "connection", "alertingDevice", "", "", true};
   case CallEventKind::established:
      return {"EstablishedEvent", "establishedConnection", "answeringDevice", "", "", true};
   case CallEventKind::connection_cleared:
      return {"ConnectionClearedEvent", "droppedConnection", "releasingDevice", "", "", false};
   case CallEventKind::diverted: return {"DivertedEvent", "connection", "divertingDevice", "newDestination", "", true};
   case CallEventKind::transferred:
      return {"TransferedEvent", "primaryOldCall", "transferringDevice", "transferredToDevice", "transferredConnections", false};
   case CallEventKind::held: return {"HeldEvent", "heldConnection", "holdingDevice", "", "", false};
   case CallEventKind::retrieved: return {"RetrievedEvent", "retrievedConnection", "retrievingDevice", "", "", false};
   case CallEventKind::originated: return {"OriginatedEvent", "originatedConnection", "callingDevice", "", "", false};
   case CallEventKind::service_initiated:
      return {"ServiceInitiatedEvent", "initiatedConnection", "initiatingDevice", "", "", false};
   case CallEventKind::failed: return {"FailedEvent", "failedConnection", "failingDevice", "", "", true};
   case CallEventKind::conferenced:
      return {"ConferencedEvent", "primaryOldCall", "conferencingDevice", "addedParty", "conferenceConnections", false};
   case CallEventKind::call_information: return {"CallInformationEvent", "connection", "device", "", "", false};
   }
   return {"DeliveredEvent", "connection", "alertingDevice", "", "", true};
}

void write_list(XmlWriter &xml, std::string_view name, const std::vector<ConnectionListItem> &items) {
   xml.open(name);
   for (const auto &item : items) {
      xml.open("connectionListItem");
      write_connection(xml, "newConnection", item.new_connection);
      if (item.old_connection != ConnectionId{}) write_connection(xml, "oldConnection", item.old_connection);
      if (!item.endpoint.empty()) xml.open("endpoint").leaf("deviceID", item.endpoint.raw).close();
      xml.close();
   }
   xml.close();
}
}  // namespace

std::string build(const SystemRegisterResponse &response) {
   return csta("SystemRegisterResponse").leaf("sysStatRegisterID", response.register_id).finish();
}

std::string build(const StartApplicationSessionPosResponse &response) {
   return XmlWriter("StartApplicationSessionPosResponse", kNamespaceSession)
      .leaf("sessionID", response.session_id)
      .leaf("actualProtocolVersion", response.protocol_version)
      .leaf("actualSessionDuration", std::to_string(response.session_duration))
      .finish();
}

std::string build(const StartApplicationSessionNegResponse &response) {
   return XmlWriter("StartApplicationSessionNegResponse", kNamespaceSession)
      .open("errorCode")
      .leaf("definedError", response.error)
      .finish();
}

namespace {
std::string session_error(std::string_view root, const std::string &error) {
   return XmlWriter(root, kNamespaceSession).open("errorCode").leaf("definedError", error).finish();
}
}  // namespace

std::string build(const ResetApplicationSessionTimerPosResponse &response) {
   auto xml = XmlWriter("ResetApplicationSessionTimerPosResponse", kNamespaceSession);
   if (response.session_duration != 0) xml.leaf("actualSessionDuration", std::to_string(response.session_duration));
   return xml.finish();
}

std::string build(const ResetApplicationSessionTimerNegResponse &response) {
   return session_error("ResetApplicationSessionTimerNegResponse", response.error);
}

std::string build(const StopApplicationSessionPosResponse &) {
   return XmlWriter("StopApplicationSessionPosResponse", kNamespaceSession).finish();
}

std::string build(const StopApplicationSessionNegResponse &response) {
   return session_error("StopApplicationSessionNegResponse", response.error);
}

std::string build(const ApplicationSessionTerminated &event) {
   return XmlWriter("ApplicationSessionTerminated", kNamespaceSession)
      .leaf("sessionID", event.session_id)
      .open("sessionTermReason").leaf("definedTermReason", event.reason).close()
      .finish();
}

std::string build(const MonitorStartResponse &response) {
   return csta("MonitorStartResponse").leaf("monitorCrossRefID", response.cross_ref_id).finish();
}

std::string build(const SnapshotDeviceResponse &response) {
   auto xml = csta("SnapshotDeviceResponse");
   xml.open("crossRefIDorSnapshotData");
   if (!response.service_cross_ref_id.empty()) {
      xml.leaf("serviceCrossRefID", response.service_cross_ref_id);
      return xml.finish();
   }
   xml.open("snapshotData");
   for (const auto &call : response.calls) {
      xml.open("snapshotDeviceResponseInfo");
      write_connection(xml, "connectionIdentifier", call.connection);
      xml.open("localCallState").open("compoundCallState").leaf("localConnectionState", call.state).close().close();
      xml.close();
   }
   return xml.finish();
}

std::string build(const MakeCallResponse &response) {
   return one_connection("MakeCallResponse", "callingDevice", response.calling);
}

std::string build(const ConsultationCallResponse &response) {
   return one_connection("ConsultationCallResponse", "initiatedCall", response.initiated);
}

std::string build(const TransferCallResponse &response) {
   return one_connection("TransferCallResponse", "transferredCall", response.transferred);
}

std::string build(const SingleStepTransferCallResponse &response) {
   return one_connection("SingleStepTransferCallResponse", "transferredCall", response.transferred);
}

std::string build(const GetForwardingResponse &response) {
   auto xml = csta("GetForwardingResponse");
   xml.open("forwardingList");
   for (const auto &item : response.items) {
      xml.open("forwardListItem").leaf("forwardingType", item.forwarding_type).flag("forwardStatus", item.on);
      if (!item.forward_dn.empty()) xml.leaf("forwardDN", item.forward_dn);
      if (item.ring_count != 0) xml.leaf("ringCount", std::to_string(item.ring_count));
      xml.close();
   }
   return xml.finish();
}

std::string build(const GetDoNotDisturbResponse &response) {
   return csta("GetDoNotDisturbResponse").flag("doNotDisturbOn", response.on).finish();
}

std::string build(const EmptyResponse &response) { return csta(response.request + "Response").finish(); }

std::string build(const CstaError &error) {
   return csta("CSTAErrorCode").leaf(error.category, error.value).finish();
}

std::string_view root_of(CallEventKind kind) { return shape_of(kind).root; }

std::string build(const CallEvent &event) {
   const auto shape = shape_of(event.kind);
   const bool originated = event.kind == CallEventKind::originated;
   auto xml = csta(shape.root);
   xml.leaf("monitorCrossRefID", event.cross_ref_id);
   write_connection(xml, shape.connection, event.connection);
   if (!shape.list.empty() || event.secondary != ConnectionId{}) write_connection(xml, "secondaryOldCall", event.secondary);
   // OriginatedEvent's acting device is its callingDevice: one element for both fields.
   write_device(xml, shape.subject, originated && event.subject.empty() ? event.calling : event.subject);
   if (!shape.other.empty()) write_device(xml, shape.other, event.other);
   if ((shape.parties || !event.calling.empty()) && !originated) write_device(xml, "callingDevice", event.calling);
   if (shape.parties || originated || !event.called.empty()) write_device(xml, "calledDevice", event.called);
   if (shape.parties || !event.last_redirection.empty()) {
      write_device(xml, "lastRedirectionDevice", event.last_redirection, "notRequired");
   }
   if (!shape.list.empty()) write_list(xml, shape.list, event.connections);
   if (!event.local_connection_info.empty()) xml.leaf("localConnectionInfo", event.local_connection_info);
   if (!event.cause.empty()) xml.leaf("cause", event.cause);
   return xml.finish();
}

std::string build(const ForwardingEvent &event) {
   auto xml = csta("ForwardingEvent");
   xml.leaf("monitorCrossRefID", event.cross_ref_id);
   write_device(xml, "device", event.device);
   xml.leaf("forwardingType", event.forwarding_type).flag("forwardStatus", event.on);
   if (!event.forward_to.empty()) xml.leaf("forwardTo", event.forward_to);
   return xml.finish();
}

std::string build(const DoNotDisturbEvent &event) {
   auto xml = csta("DoNotDisturbEvent");
   xml.leaf("monitorCrossRefID", event.cross_ref_id);
   write_device(xml, "device", event.device);
   return xml.flag("doNotDisturbOn", event.on).finish();
}

// ECMA-323 device maintenance events: monitorCrossRefID, device.
std::string build(const OutOfServiceEvent &event) {
   auto xml = csta("OutOfServiceEvent");
   xml.leaf("monitorCrossRefID", event.cross_ref_id);
   write_device(xml, "device", event.device);
   return xml.finish();
}

std::string build(const BackInServiceEvent &event) {
   auto xml = csta("BackInServiceEvent");
   xml.leaf("monitorCrossRefID", event.cross_ref_id);
   write_device(xml, "device", event.device);
   return xml.finish();
}

}  // namespace portier::csta
