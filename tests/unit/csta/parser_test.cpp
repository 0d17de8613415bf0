// SPDX-License-Identifier: GPL-3.0-or-later
// Messages written from the note's examples (csta-famos.md section 1.6), namespaces, limits
// and errors.
#include <string>

#include "csta_test_support.h"

using namespace portier::csta;
using portier::csta::test::parse_as;

namespace {
std::string ed4(const std::string &root, const std::string &children) {
   return "<?xml version=\"1.0\" encoding=\"UTF-8\"?><" + root +
          " xmlns=\"http://www.ecma-international.org/standards/ecma-323/csta/ed4\">" + children + "</" + root + ">";
}
std::string conn(const std::string &name, const std::string &call, const std::string &device) {
   return "<" + name + "><callID>" + call + "</callID><deviceID>" + device + "</deviceID></" + name + ">";
}
std::string dev(const std::string &name, const std::string &id) {
   return "<" + name + "><deviceIdentifier>" + id + "</deviceIdentifier></" + name + ">";
}
}  // namespace

TEST_CASE("a SystemStatus from the PBX carries its status and register id") {
   const auto status = parse_as<SystemStatus>(ed4("SystemStatus", "<sysStatRegisterID>reg-17</sysStatRegisterID><systemStatus>normal</systemStatus>"));
   CHECK(status.status == "normal");
   CHECK(status.register_id == "reg-17");
}

TEST_CASE("the same element reads alike in ed3, ed6, ed2, prefixed and no namespace") {
   const std::string body = "<monitorCrossRefID>77</monitorCrossRefID>";
   for (const std::string ns : {"http://www.ecma-international.org/standards/ecma-323/csta/ed3",
                                "http://www.ecma-international.org/standards/ecma-323/csta/ed6",
                                "http://www.ecma.ch/standards/ecma-323/csta/ed2"}) {
      CHECK(parse_as<MonitorStartResponse>("<MonitorStartResponse xmlns=\"" + ns + "\">" + body + "</MonitorStartResponse>").cross_ref_id == "77");
   }
   CHECK(parse_as<MonitorStartResponse>("<csta:MonitorStartResponse xmlns:csta=\"x\"><csta:monitorCrossRefID>77</csta:monitorCrossRefID></csta:MonitorStartResponse>").cross_ref_id == "77");
   CHECK(parse_as<MonitorStartResponse>("<MonitorStartResponse>" + body + "</MonitorStartResponse>").cross_ref_id == "77");
}

TEST_CASE("unknown elements and private data anywhere are skipped") {
   const auto response = parse_as<MonitorStartResponse>(ed4("MonitorStartResponse",
      "<futureThing><deep><deeper>1</deeper></deep></futureThing><monitorCrossRefID>5</monitorCrossRefID>"
      "<extensions><privateData><private xmlns:scx=\"http://www.siemens.com/schema/csta\"><scx:monitorExtra>9</scx:monitorExtra></private></privateData></extensions>"));
   CHECK(response.cross_ref_id == "5");
}

TEST_CASE("an unknown root is reported as an unknown message, not an error") {
   const auto unknown = parse_as<UnknownMessage>(ed4("FutureServiceResponse", "<actualSessionDuration>600</actualSessionDuration>"));
   CHECK(unknown.root == "FutureServiceResponse");
}

TEST_CASE("the session negative response carries the defined error") {
   const auto negative = parse_as<StartApplicationSessionNegResponse>(
      "<StartApplicationSessionNegResponse xmlns=\"http://www.ecma-international.org/standards/ecma-354/appl_session\">"
      "<errorCode><definedError>requestedProtocolVersionNotSupported</definedError></errorCode></StartApplicationSessionNegResponse>");
   CHECK(negative.error == "requestedProtocolVersionNotSupported");
}

TEST_CASE("a CSTAErrorCode names its category and value") {
   const auto op = parse_as<CstaError>(ed4("CSTAErrorCode", "<operation>invalidParameterValue</operation>"));
   CHECK(op.category == "operation");
   CHECK(op.value == "invalidParameterValue");
   const auto state = parse_as<CstaError>(ed4("CSTAErrorCode", "<stateIncompatibility>noCallToAnswer</stateIncompatibility>"));
   CHECK(state.category == "stateIncompatibility");
   CHECK(state.value == "noCallToAnswer");
}

TEST_CASE("the call-control responses carry the new call") {
   CHECK(parse_as<MakeCallResponse>(ed4("MakeCallResponse", conn("callingDevice", "C1", "4930555510"))).calling == connection("C1", "4930555510"));
   CHECK(parse_as<ConsultationCallResponse>(ed4("ConsultationCallResponse", conn("initiatedCall", "C2", "4930555510"))).initiated == connection("C2", "4930555510"));
   CHECK(parse_as<TransferCallResponse>(ed4("TransferCallResponse", conn("transferredCall", "C3", "4930555530"))).transferred == connection("C3", "4930555530"));
   CHECK(parse_as<SingleStepTransferCallResponse>(ed4("SingleStepTransferCallResponse", conn("transferredCall", "C4", "4930555530"))).transferred == connection("C4", "4930555530"));
   for (const std::string request : {"MonitorStop", "AnswerCall", "ClearConnection", "HoldCall", "RetrieveCall", "DeflectCall", "SetForwarding", "SetDoNotDisturb"}) {
      CHECK(parse_as<EmptyResponse>("<" + request + "Response xmlns=\"x\"/>").request == request);
   }
   CHECK(std::holds_alternative<SystemStatusResponse>(*parse_message("<SystemStatusResponse/>").message));
}

TEST_CASE("a snapshot lists each call with its local state, an idle device lists none") {
   const auto busy = parse_as<SnapshotDeviceResponse>(ed4("SnapshotDeviceResponse",
      "<crossRefIDorSnapshotData><snapshotData>"
      "<snapshotDeviceResponseInfo>" + conn("connectionIdentifier", "C1", "4930555510") +
      "<localCallState><compoundCallState><localConnectionState>connected</localConnectionState></compoundCallState></localCallState></snapshotDeviceResponseInfo>"
      "<snapshotDeviceResponseInfo>" + conn("connectionIdentifier", "C2", "4930555510") +
      "<localCallState><compoundCallState><localConnectionState>hold</localConnectionState></compoundCallState></localCallState></snapshotDeviceResponseInfo>"
      "</snapshotData></crossRefIDorSnapshotData>"));
   REQUIRE(busy.calls.size() == 2);
   CHECK(busy.calls[0].connection == connection("C1", "4930555510"));
   CHECK(busy.calls[0].state == "connected");
   CHECK(busy.calls[1].state == "hold");
   const auto idle = parse_as<SnapshotDeviceResponse>(ed4("SnapshotDeviceResponse", "<crossRefIDorSnapshotData><snapshotData/></crossRefIDorSnapshotData>"));
   CHECK(idle.calls.empty());
}

TEST_CASE("forwarding and do-not-disturb read back from responses and events") {
   const auto list = parse_as<GetForwardingResponse>(ed4("GetForwardingResponse",
      "<forwardingList><forwardListItem><forwardingType>forwardImmediate</forwardingType><forwardStatus>true</forwardStatus><forwardDN>4930555599</forwardDN></forwardListItem>"
      "<forwardListItem><forwardingType>forwardNoAns</forwardingType><forwardStatus>false</forwardStatus><ringCount>4</ringCount></forwardListItem></forwardingList>"));
   REQUIRE(list.items.size() == 2);
   CHECK(list.items[0] == ForwardingItem{"forwardImmediate", true, "4930555599", 0});
   CHECK(list.items[1] == ForwardingItem{"forwardNoAns", false, "", 4});
   CHECK(parse_as<GetDoNotDisturbResponse>(ed4("GetDoNotDisturbResponse", "<doNotDisturbOn>true</doNotDisturbOn>")).on);
   const auto forwarding = parse_as<ForwardingEvent>(ed4("ForwardingEvent",
      "<monitorCrossRefID>25</monitorCrossRefID>" + dev("device", "4930555510") +
      "<forwardingType>forwardBusy</forwardingType><forwardStatus>true</forwardStatus><forwardTo>4930555599</forwardTo>"));
   CHECK(forwarding.cross_ref_id == "25");
   CHECK(forwarding.device.number == "4930555510");
   CHECK(forwarding.forwarding_type == "forwardBusy");
   CHECK(forwarding.on);
   CHECK(forwarding.forward_to == "4930555599");
   const auto dnd = parse_as<DoNotDisturbEvent>(ed4("DoNotDisturbEvent", "<monitorCrossRefID>25</monitorCrossRefID>" + dev("device", "4930555510") + "<doNotDisturbOn>true</doNotDisturbOn>"));
   CHECK(dnd.on);
   CHECK(dnd.device.number == "4930555510");
}

TEST_CASE("each call event fills the connection, acting device and parties of its kind") {
   const std::string calling = dev("callingDevice", "N&lt;4930555510&gt;Anna Muster;displayNumber=4930555510");
   const std::string called = dev("calledDevice", "N&lt;4930555520&gt;;noa=nk");
   struct Case { std::string root, connection, subject; CallEventKind kind; };
   const Case cases[] = {
      {"DeliveredEvent", "connection", "alertingDevice", CallEventKind::delivered},
      {"EstablishedEvent", "establishedConnection", "answeringDevice", CallEventKind::established},
      {"ConnectionClearedEvent", "droppedConnection", "releasingDevice", CallEventKind::connection_cleared},
      {"DivertedEvent", "connection", "divertingDevice", CallEventKind::diverted},
      {"HeldEvent", "heldConnection", "holdingDevice", CallEventKind::held},
      {"RetrievedEvent", "retrievedConnection", "retrievingDevice", CallEventKind::retrieved},
      {"ServiceInitiatedEvent", "initiatedConnection", "initiatingDevice", CallEventKind::service_initiated},
      {"FailedEvent", "failedConnection", "failingDevice", CallEventKind::failed},
   };
   for (const auto &c : cases) {
      INFO(c.root);
      const auto event = parse_as<CallEvent>(ed4(c.root, "<monitorCrossRefID>1136370025</monitorCrossRefID>" +
         conn(c.connection, "FF01", "4930555520") + dev(c.subject, "N&lt;4930555520&gt;;noa=nk") +
         (c.root == "DivertedEvent" ? dev("newDestination", "N&lt;4930555540&gt;;noa=nk") : "") + calling + called +
         "<lastRedirectionDevice><notRequired/></lastRedirectionDevice><localConnectionInfo>alerting</localConnectionInfo><cause>newCall</cause>"));
      CHECK(event.kind == c.kind);
      CHECK(event.cross_ref_id == "1136370025");
      CHECK(event.connection == connection("FF01", "4930555520"));
      CHECK(event.subject.number == "4930555520");
      CHECK(event.calling.name == "Anna Muster");
      CHECK(event.calling.number == "4930555510");
      CHECK(event.called.number == "4930555520");
      CHECK(event.last_redirection.empty());
      CHECK(event.cause == "newCall");
      if (c.kind == CallEventKind::diverted) CHECK(event.other.number == "4930555540");
   }
}

TEST_CASE("TransferredEvent with two r and ConferencedEvent carry both old calls") {
   const std::string calls = "<monitorCrossRefID>27</monitorCrossRefID>" + conn("primaryOldCall", "C1", "4930555510") + conn("secondaryOldCall", "C2", "4930555510");
   const auto transferred = parse_as<CallEvent>(ed4("TransferredEvent", calls + dev("transferredToDevice", "4930555530") +
      "<transferredConnections><connectionListItem>" + conn("newConnection", "C3", "4930555520") + conn("oldConnection", "C1", "4930555520") +
      "</connectionListItem></transferredConnections><cause>transfer</cause>"));
   CHECK(transferred.kind == CallEventKind::transferred);
   CHECK(transferred.secondary == connection("C2", "4930555510"));
   CHECK(transferred.other.number == "4930555530");
   REQUIRE(transferred.connections.size() == 1);
   CHECK(transferred.connections[0].old_connection == connection("C1", "4930555520"));
   const auto conferenced = parse_as<CallEvent>(ed4("ConferencedEvent", calls + dev("conferencingDevice", "4930555510") + dev("addedParty", "4930555530") +
      "<conferenceConnections><connectionListItem>" + conn("newConnection", "C4", "4930555530") + "</connectionListItem></conferenceConnections><cause>conference</cause>"));
   CHECK(conferenced.kind == CallEventKind::conferenced);
   CHECK(conferenced.connection == connection("C1", "4930555510"));
   CHECK(conferenced.other.number == "4930555530");
   CHECK(conferenced.connections.size() == 1);
}

TEST_CASE("an umlaut in a display name comes through as UTF-8") {
   const auto event = parse_as<CallEvent>(ed4("DeliveredEvent", "<monitorCrossRefID>1</monitorCrossRefID>" +
      dev("callingDevice", "N&lt;4930555510&gt;J\xC3\xBCrgen M\xC3\xBCller;displayNumber=4930555510")));
   CHECK(event.calling.name == "J\xC3\xBCrgen M\xC3\xBCller");
}

TEST_CASE("a syntax error names the open element and the byte offset") {
   const std::string xml = "<MonitorStartResponse><monitorCrossRefID>1</monitorCrossRefI></MonitorStartResponse>";
   const auto result = parse_message(xml);
   REQUIRE_FALSE(result);
   CHECK(result.error.element == "monitorCrossRefID");
   CHECK(result.error.offset == xml.find("</monitorCrossRefI>") + 2);  // expat points at the name
   CHECK(result.error.to_string().rfind("<monitorCrossRefID> at byte 44: mismatched tag", 0) == 0);
}

TEST_CASE("an event without its monitorCrossRefID is an error naming that element") {
   const auto result = parse_message(ed4("HeldEvent", conn("heldConnection", "C1", "1")));
   REQUIRE_FALSE(result);
   CHECK(result.error.element == "monitorCrossRefID");
   CHECK(result.error.reason == "missing in HeldEvent");
   CHECK(result.error.offset == 38);  // where <HeldEvent starts, after the declaration
}

TEST_CASE("nesting deeper than the limit is refused at the element that goes too deep") {
   std::string xml;
   for (int i = 0; i < 40; ++i) xml += "<e" + std::to_string(i) + ">";
   const auto result = parse_message(xml);
   REQUIRE_FALSE(result);
   CHECK(result.error.element == "e32");
   CHECK(result.error.offset == xml.find("<e32>"));
}

TEST_CASE("documents over the size or element limit are refused") {
   ParseLimits limits;
   limits.max_document_size = 100;
   limits.max_elements = 10;
   const auto large = parse_message("<a>" + std::string(200, 'x') + "</a>", limits);
   REQUIRE_FALSE(large);
   CHECK(large.error.reason == "document larger than 100 bytes");
   std::string many = "<a>";
   for (int i = 0; i < 20; ++i) many += "<b/>";
   const auto crowded = parse_message(many + "</a>", limits);
   REQUIRE_FALSE(crowded);
   CHECK(crowded.error.element == "b");
}

TEST_CASE("a DOCTYPE is refused, so no entity can expand") {
   const auto result = parse_message("<!DOCTYPE a [<!ENTITY x \"xxxxxxxx\">]><a>&x;&x;</a>");
   REQUIRE_FALSE(result);
   CHECK(result.error.reason == "a DOCTYPE is not allowed");
}

TEST_CASE("a parser is reused across documents, including after an error") {
   Parser parser;
   CHECK_FALSE(parser.parse("<broken"));
   const auto result = parser.parse(ed4("MonitorStartResponse", "<monitorCrossRefID>9</monitorCrossRefID>"));
   REQUIRE(result);
   CHECK(std::get<MonitorStartResponse>(*result.message).cross_ref_id == "9");
}

TEST_CASE("a device identifier splits into number, display name and raw text") {
   const auto plain = parse_device_id("+17867104700");
   CHECK(plain.number == "+17867104700");
   CHECK(plain.name.empty());
   const auto osv = parse_device_id("N<4930555510>Anna Muster;displayNumber=4930555510;noa=nk");
   CHECK(osv.number == "4930555510");
   CHECK(osv.name == "Anna Muster");
   CHECK(osv.raw == "N<4930555510>Anna Muster;displayNumber=4930555510;noa=nk");
   CHECK(parse_device_id("4930555510;noa=nk").number == "4930555510");
   CHECK(parse_device_id("N<unterminated").number == "N<unterminated");
}

TEST_CASE("an empty document is an error at byte 0") {
   const auto result = parse_message("");
   REQUIRE_FALSE(result);
   CHECK(result.error.offset == 0);
   CHECK_FALSE(result.error.reason.empty());
}
