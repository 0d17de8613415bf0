// SPDX-License-Identifier: GPL-3.0-or-later
// Element order per ECMA-323 (checked against the examples in csta-famos.md section 1.6).
#include "portier/csta/builders.h"

#include "portier/csta/xml_writer.h"
#include "builder_parts.h"

namespace portier::csta {

namespace {
using parts::csta;
using parts::one_connection;
using parts::write_connection;

std::string one_device(std::string_view root, std::string_view name, std::string_view device) {
   return csta(root).leaf(name, device).finish();
}
}  // namespace

std::string build(const SystemStatus &request) {
   auto xml = csta("SystemStatus");
   if (!request.register_id.empty()) xml.leaf("sysStatRegisterID", request.register_id);
   return xml.leaf("systemStatus", request.status).finish();
}

std::string build(const SystemStatusResponse &) { return csta("SystemStatusResponse").finish(); }

std::string build(const SystemRegister &request) {
   return csta("SystemRegister")
      .open("requestTypes")
      .flag("systemStatus", request.system_status)
      .flag("requestSystemStatus", request.request_system_status)
      .finish();
}

std::string build(const StartApplicationSession &request) {
   return XmlWriter("StartApplicationSession", kNamespaceSession)
      .open("applicationInfo").leaf("applicationID", request.application_id).close()
      .open("requestedProtocolVersions").leaf("protocolVersion", request.protocol_version).close()
      .leaf("requestedSessionDuration", std::to_string(request.session_duration))
      .finish();
}

std::string build(const ResetApplicationSessionTimer &request) {
   return XmlWriter("ResetApplicationSessionTimer", kNamespaceSession)
      .leaf("sessionID", request.session_id)
      .leaf("requestedSessionDuration", std::to_string(request.session_duration))
      .finish();
}

std::string build(const StopApplicationSession &request) {
   return XmlWriter("StopApplicationSession", kNamespaceSession)
      .leaf("sessionID", request.session_id)
      .open("sessionEndReason").leaf("definedEndReason", request.end_reason).close()
      .finish();
}

std::string build(const MonitorStart &request) {
   auto xml = csta("MonitorStart");
   xml.open("monitorObject");
   if (request.type_of_number.empty()) {
      xml.leaf("deviceObject", request.device);
   } else {
      xml.open("deviceObject", "typeOfNumber", request.type_of_number).text(request.device).close();
   }
   xml.close();
   return xml.leaf("monitorType", "device").finish();
}

std::string build(const MonitorStop &request) {
   return one_device("MonitorStop", "monitorCrossRefID", request.cross_ref_id);
}

std::string build(const SnapshotDevice &request) {
   return one_device("SnapshotDevice", "snapshotObject", request.device);
}

std::string build(const MakeCall &request) {
   return csta("MakeCall")
      .leaf("callingDevice", request.calling_device)
      .leaf("calledDirectoryNumber", request.called_number)
      .leaf("autoOriginate", request.prompt ? "prompt" : "doNotPrompt")
      .finish();
}

std::string build(const AnswerCall &request) { return one_connection("AnswerCall", "callToBeAnswered", request.call); }

std::string build(const ClearConnection &request) {
   return one_connection("ClearConnection", "connectionToBeCleared", request.connection);
}

std::string build(const HoldCall &request) { return one_connection("HoldCall", "callToBeHeld", request.call); }

std::string build(const RetrieveCall &request) {
   return one_connection("RetrieveCall", "callToBeRetrieved", request.call);
}

std::string build(const ConsultationCall &request) {
   auto xml = csta("ConsultationCall");
   write_connection(xml, "existingCall", request.existing);
   return xml.leaf("consultedDevice", request.consulted_device).finish();
}

std::string build(const TransferCall &request) {
   auto xml = csta("TransferCall");
   write_connection(xml, "heldCall", request.held);
   write_connection(xml, "activeCall", request.active);
   return xml.finish();
}

std::string build(const SingleStepTransferCall &request) {
   auto xml = csta("SingleStepTransferCall");
   write_connection(xml, "activeCall", request.active);
   return xml.leaf("transferredTo", request.transferred_to).finish();
}

std::string build(const DeflectCall &request) {
   auto xml = csta("DeflectCall");
   write_connection(xml, "callToBeDiverted", request.call);
   return xml.leaf("newDestination", request.new_destination).finish();
}

std::string build(const SetForwarding &request) {
   auto xml = csta("SetForwarding");
   xml.leaf("device", request.device)
      .leaf("forwardingType", request.forwarding_type)
      .flag("activateForward", request.activate);
   if (!request.forward_dn.empty()) xml.leaf("forwardDN", request.forward_dn);
   return xml.finish();
}

std::string build(const GetForwarding &request) { return one_device("GetForwarding", "device", request.device); }

std::string build(const SetDoNotDisturb &request) {
   return csta("SetDoNotDisturb").leaf("device", request.device).flag("doNotDisturbOn", request.on).finish();
}

std::string build(const GetDoNotDisturb &request) {
   return one_device("GetDoNotDisturb", "device", request.device);
}

}  // namespace portier::csta
