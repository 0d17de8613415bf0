// SPDX-License-Identifier: GPL-3.0-or-later
// What the simulated PBX sends: every response and event we build reads back through our parser
// into an equal struct, frames as an event (invoke id 9999) where it is one, and its elements
// follow the order of the examples in csta-famos.md section 1.6 (the tables below).
#include <expat.h>

#include <map>
#include <string>
#include <vector>

#include "csta_test_support.h"
#include "xml_shape.h"
#include "portier/csta/builders.h"
#include "portier/csta/framing.h"
#include "portier/csta/server_builders.h"

using namespace portier::csta;
using portier::csta::test::shape_of;
using portier::csta::test::parse_as;

namespace {

using Order = std::vector<std::string>;
const Order kConn{"2:callID", "2:deviceID"};
Order operator+(Order a, const Order &b) {
   a.insert(a.end(), b.begin(), b.end());
   return a;
}
Order conn(const std::string &name) { return Order{"1:" + name} + kConn; }
Order dev(const std::string &name) { return {"1:" + name, "2:deviceIdentifier"}; }
Order not_required(const std::string &name) { return {"1:" + name, "2:notRequired"}; }

// From the note's examples E1-E20 (Conferenced and CallInformation, which it has no example
// of, from ECMA-323), element for element.
const std::map<std::string, Order> kServerOrder{
   {"SystemStatus", {"1:sysStatRegisterID", "1:systemStatus"}},
   {"SystemRegisterResponse", {"1:sysStatRegisterID"}},
   {"StartApplicationSessionPosResponse", {"1:sessionID", "1:actualProtocolVersion", "1:actualSessionDuration"}},
   {"StartApplicationSessionNegResponse", {"1:errorCode", "2:definedError"}},
   {"MonitorStartResponse", {"1:monitorCrossRefID"}},
   {"SnapshotDeviceResponse",
    Order{"1:crossRefIDorSnapshotData", "2:snapshotData", "3:snapshotDeviceResponseInfo", "4:connectionIdentifier",
          "5:callID", "5:deviceID", "4:localCallState", "5:compoundCallState", "6:localConnectionState"}},
   {"MakeCallResponse", conn("callingDevice")},
   {"ConsultationCallResponse", conn("initiatedCall")},
   {"TransferCallResponse", conn("transferredCall")},
   {"SingleStepTransferCallResponse", conn("transferredCall")},
   {"GetForwardingResponse",
    {"1:forwardingList", "2:forwardListItem", "3:forwardingType", "3:forwardStatus", "3:forwardDN",
     "2:forwardListItem", "3:forwardingType", "3:forwardStatus", "3:ringCount"}},
   {"GetDoNotDisturbResponse", {"1:doNotDisturbOn"}},
   {"CSTAErrorCode", {"1:operation"}},
   {"ServiceInitiatedEvent",
    Order{"1:monitorCrossRefID"} + conn("initiatedConnection") + dev("initiatingDevice") + Order{"1:localConnectionInfo", "1:cause"}},
   {"OriginatedEvent", Order{"1:monitorCrossRefID"} + conn("originatedConnection") + dev("callingDevice") +
                          dev("calledDevice") + Order{"1:localConnectionInfo", "1:cause"}},
   {"DeliveredEvent", Order{"1:monitorCrossRefID"} + conn("connection") + dev("alertingDevice") + dev("callingDevice") +
                         dev("calledDevice") + not_required("lastRedirectionDevice") + Order{"1:localConnectionInfo", "1:cause"}},
   {"EstablishedEvent", Order{"1:monitorCrossRefID"} + conn("establishedConnection") + dev("answeringDevice") +
                           dev("callingDevice") + dev("calledDevice") + not_required("lastRedirectionDevice") +
                           Order{"1:localConnectionInfo", "1:cause"}},
   {"ConnectionClearedEvent", Order{"1:monitorCrossRefID"} + conn("droppedConnection") + dev("releasingDevice") +
                                 Order{"1:localConnectionInfo", "1:cause"}},
   {"HeldEvent",
    Order{"1:monitorCrossRefID"} + conn("heldConnection") + dev("holdingDevice") + Order{"1:localConnectionInfo", "1:cause"}},
   {"RetrievedEvent", Order{"1:monitorCrossRefID"} + conn("retrievedConnection") + dev("retrievingDevice") +
                         Order{"1:localConnectionInfo", "1:cause"}},
   {"TransferedEvent", Order{"1:monitorCrossRefID"} + conn("primaryOldCall") + conn("secondaryOldCall") +
                          dev("transferringDevice") + dev("transferredToDevice") +
                          Order{"1:transferredConnections", "2:connectionListItem", "3:newConnection", "4:callID",
                                "4:deviceID", "3:oldConnection", "4:callID", "4:deviceID"} +
                          Order{"1:localConnectionInfo", "1:cause"}},
   {"DivertedEvent", Order{"1:monitorCrossRefID"} + conn("connection") + dev("divertingDevice") + dev("newDestination") +
                        dev("callingDevice") + dev("calledDevice") + not_required("lastRedirectionDevice") +
                        Order{"1:localConnectionInfo", "1:cause"}},
   {"FailedEvent", Order{"1:monitorCrossRefID"} + conn("failedConnection") + dev("failingDevice") + dev("callingDevice") +
                      dev("calledDevice") + not_required("lastRedirectionDevice") + Order{"1:localConnectionInfo", "1:cause"}},
   {"ConferencedEvent", Order{"1:monitorCrossRefID"} + conn("primaryOldCall") + conn("secondaryOldCall") +
                           dev("conferencingDevice") + dev("addedParty") +
                           Order{"1:conferenceConnections", "2:connectionListItem", "3:newConnection", "4:callID",
                                 "4:deviceID", "3:oldConnection", "4:callID", "4:deviceID", "3:endpoint", "4:deviceID"} +
                           Order{"1:localConnectionInfo", "1:cause"}},
   {"CallInformationEvent", Order{"1:monitorCrossRefID"} + conn("connection") + dev("device") + dev("callingDevice")},
   {"ForwardingEvent", {"1:monitorCrossRefID", "1:device", "2:deviceIdentifier", "1:forwardingType", "1:forwardStatus", "1:forwardTo"}},
   {"DoNotDisturbEvent", {"1:monitorCrossRefID", "1:device", "2:deviceIdentifier", "1:doNotDisturbOn"}},
   {"OutOfServiceEvent", {"1:monitorCrossRefID", "1:device", "2:deviceIdentifier"}},
   {"BackInServiceEvent", {"1:monitorCrossRefID", "1:device", "2:deviceIdentifier"}},
};

// Build -> well-formed, namespaced document of the expected shape -> frames -> parses back equal.
template <typename T>
void check(const T &message, const std::string &root, std::uint16_t invoke_id, const Order *order = nullptr) {
   INFO(root);
   const auto xml = build(message);
   INFO(xml);
   CHECK(xml.rfind("<?xml version=\"1.0\" encoding=\"UTF-8\"?>", 0) == 0);
   const auto shape = shape_of(xml);
   CHECK(shape.root == root);
   CHECK(shape.ns == (root.rfind("StartApplicationSession", 0) == 0 ? kNamespaceSession : kNamespaceEd4));
   if (order == nullptr) {
      REQUIRE(kServerOrder.count(root) == 1);
      order = &kServerOrder.at(root);
   }
   CHECK(shape.children == *order);

   const auto frame = encode_frame(invoke_id, xml);
   REQUIRE(frame);
   FrameReader reader;
   reader.feed(*frame);
   const auto view = reader.pop();
   REQUIRE(view);
   CHECK(view->invoke_id == invoke_id);
   CHECK(view->xml == xml);
   CHECK(parse_as<T>(view->xml) == message);
}

template <typename T>
void check_event(const T &event, const std::string &root, const Order *order = nullptr) {
   check(event, root, kEventInvokeId, order);
}

const ConnectionId kServerCall = connection("FF00010000000000AABBCCDD11220000", "4930555510");
const ConnectionId kCall2 = connection("FF00010000000000AABBCCDD11220002", "4930555510");
const ConnectionId kCall3 = connection("FF00010000000000AABBCCDD11220003", "4930555520");
const DeviceId kA = parse_device_id("N<4930555510>;noa=nk");
const DeviceId kB = parse_device_id("N<4930555520>Anna Muster;displayNumber=4930555520;noa=nk");
const DeviceId kC = parse_device_id("N<4930555530>;noa=nk");

CallEvent call_event(CallEventKind kind, std::string info, std::string cause) {
   CallEvent event;
   event.kind = kind;
   event.cross_ref_id = "1136370025";
   event.connection = kServerCall;
   event.subject = kA;
   event.local_connection_info = std::move(info);
   event.cause = std::move(cause);
   return event;
}

}  // namespace

TEST_CASE("system and session responses from the PBX round-trip in the note's element order") {
   check(SystemStatus{"normal", "reg-17"}, "SystemStatus", 17);
   check(SystemRegisterResponse{"reg-17"}, "SystemRegisterResponse", 0);
   check(StartApplicationSessionPosResponse{"000123456", kNamespaceEd4, 600}, "StartApplicationSessionPosResponse", 1);
   check(StartApplicationSessionNegResponse{"requestedProtocolVersionNotSupported"}, "StartApplicationSessionNegResponse", 1);
}

TEST_CASE("monitor and snapshot responses round-trip in the note's element order") {
   check(MonitorStartResponse{"1136370025"}, "MonitorStartResponse", 2);
   check(SnapshotDeviceResponse{{SnapshotCall{kServerCall, "connected"}}, ""}, "SnapshotDeviceResponse", 3);
}

TEST_CASE("a snapshot lists every call with its local connection state") {
   const SnapshotDeviceResponse two{{SnapshotCall{kServerCall, "hold"}, SnapshotCall{kCall2, "alerting"}}, ""};
   const Order one = kServerOrder.at("SnapshotDeviceResponse");
   const Order both = one + Order(one.begin() + 2, one.end());
   check(two, "SnapshotDeviceResponse", 3, &both);
   CHECK(parse_as<SnapshotDeviceResponse>(build(two)).calls.at(1).state == "alerting");
}

TEST_CASE("an idle device's snapshot is an empty snapshotData") {
   const Order empty{"1:crossRefIDorSnapshotData", "2:snapshotData"};
   check(SnapshotDeviceResponse{}, "SnapshotDeviceResponse", 3, &empty);
   CHECK(build(SnapshotDeviceResponse{}).find("<snapshotData/>") != std::string::npos);
}

TEST_CASE("a segmented snapshot answers with its serviceCrossRefID instead of data") {
   const Order segmented{"1:crossRefIDorSnapshotData", "2:serviceCrossRefID"};
   check(SnapshotDeviceResponse{{}, "77"}, "SnapshotDeviceResponse", 3, &segmented);
}

TEST_CASE("call-control responses carry their connection in the note's element order") {
   check(MakeCallResponse{kServerCall}, "MakeCallResponse", 4);
   check(ConsultationCallResponse{kCall2}, "ConsultationCallResponse", 5);
   check(TransferCallResponse{kCall3}, "TransferCallResponse", 6);
   check(SingleStepTransferCallResponse{kCall3}, "SingleStepTransferCallResponse", 7);
}

TEST_CASE("the empty positive responses read back as the request they answer") {
   const Order none;
   for (const std::string request : {"MonitorStop", "AnswerCall", "ClearConnection", "HoldCall", "RetrieveCall",
                                     "DeflectCall", "SetForwarding", "SetDoNotDisturb"}) {
      check(EmptyResponse{request}, request + "Response", 8, &none);
      CHECK(build(EmptyResponse{request}).find("<" + request + "Response xmlns=\"" + kNamespaceEd4 + "\"/>") !=
            std::string::npos);
   }
}

TEST_CASE("forwarding and do-not-disturb responses round-trip, leaving out absent DN and ring count") {
   const GetForwardingResponse list{{ForwardingItem{"forwardImmediate", true, "4930555599", 0},
                                     ForwardingItem{"forwardNoAns", false, "", 4}}};
   check(list, "GetForwardingResponse", 9);
   const Order empty{"1:forwardingList"};
   check(GetForwardingResponse{}, "GetForwardingResponse", 9, &empty);
   check(GetDoNotDisturbResponse{true}, "GetDoNotDisturbResponse", 10);
   check(GetDoNotDisturbResponse{false}, "GetDoNotDisturbResponse", 10);
}

TEST_CASE("a CSTAErrorCode carries its category and value") {
   check(CstaError{"operation", "invalidParameterValue"}, "CSTAErrorCode", 11);
   const Order state{"1:stateIncompatibility"};
   check(CstaError{"stateIncompatibility", "noCallToAnswer"}, "CSTAErrorCode", 11, &state);
   CHECK(build(CstaError{"stateIncompatibility", "noCallToAnswer"})
            .find("<stateIncompatibility>noCallToAnswer</stateIncompatibility>") != std::string::npos);
}

TEST_CASE("the events of a MakeCall and answer round-trip in the note's element order") {
   check_event(call_event(CallEventKind::service_initiated, "initiated", "makeCall"), "ServiceInitiatedEvent");

   auto originated = call_event(CallEventKind::originated, "connected", "newCall");
   originated.calling = kA;  // one callingDevice element is both the subject and the caller
   originated.called = kB;
   check_event(originated, "OriginatedEvent");

   for (const auto kind : {CallEventKind::delivered, CallEventKind::established, CallEventKind::failed}) {
      auto event = call_event(kind, "alerting", "newCall");
      event.subject = kB;
      event.calling = kA;
      event.called = kB;
      check_event(event, std::string(name_of(kind)) + "Event");
   }
}

TEST_CASE("an event with unknown parties names them notKnown and still reads back") {
   auto delivered = call_event(CallEventKind::delivered, "alerting", "newCall");
   const auto xml = build(delivered);
   CHECK(xml.find("<callingDevice><notKnown/></callingDevice>") != std::string::npos);
   CHECK(xml.find("<lastRedirectionDevice><notRequired/></lastRedirectionDevice>") != std::string::npos);
   CHECK(parse_as<CallEvent>(xml) == delivered);
   // A redirected call carries its last redirection device.
   delivered.last_redirection = kC;
   CHECK(build(delivered).find("<lastRedirectionDevice><deviceIdentifier>") != std::string::npos);
   CHECK(parse_as<CallEvent>(build(delivered)) == delivered);
}

TEST_CASE("clearing, hold and retrieve events round-trip in the note's element order") {
   check_event(call_event(CallEventKind::connection_cleared, "null", "normalClearing"), "ConnectionClearedEvent");
   check_event(call_event(CallEventKind::held, "hold", "consultation"), "HeldEvent");
   check_event(call_event(CallEventKind::retrieved, "connected", "normal"), "RetrievedEvent");
}

TEST_CASE("a transfer event is spelled TransferedEvent and keeps its connection list") {
   auto event = call_event(CallEventKind::transferred, "connected", "transfer");
   event.secondary = kCall2;
   event.other = kC;
   event.connections = {ConnectionListItem{kCall3, connection("FF00010000000000AABBCCDD11220000", "4930555520"), {}}};
   check_event(event, "TransferedEvent");
   CHECK(root_of(CallEventKind::transferred) == "TransferedEvent");
   CHECK(build(event).find("TransferredEvent") == std::string::npos);
}

TEST_CASE("a diverted event names the new destination before the parties") {
   auto event = call_event(CallEventKind::diverted, "null", "redirected");
   event.subject = kB;
   event.other = kC;
   event.calling = kA;
   event.called = kB;
   check_event(event, "DivertedEvent");
}

TEST_CASE("conferenced and call-information events round-trip in ECMA-323 order") {
   auto conferenced = call_event(CallEventKind::conferenced, "connected", "normal");
   conferenced.secondary = kCall2;
   conferenced.other = kC;
   conferenced.connections = {ConnectionListItem{kCall3, kServerCall, parse_device_id("4930555520")}};
   check_event(conferenced, "ConferencedEvent");

   auto information = call_event(CallEventKind::call_information, "", "");
   information.calling = kB;
   check_event(information, "CallInformationEvent");
}

TEST_CASE("forwarding and do-not-disturb events round-trip in the note's element order") {
   check_event(ForwardingEvent{"1136370025", parse_device_id("4930555510"), "forwardImmediate", true, "4930555599"},
               "ForwardingEvent");
   const Order off{"1:monitorCrossRefID", "1:device", "2:deviceIdentifier", "1:forwardingType", "1:forwardStatus"};
   check_event(ForwardingEvent{"1136370025", parse_device_id("4930555510"), "forwardBusy", false, ""}, "ForwardingEvent", &off);
   check_event(DoNotDisturbEvent{"1136370025", parse_device_id("4930555510"), true}, "DoNotDisturbEvent");
   check_event(DoNotDisturbEvent{"1136370025", parse_device_id("4930555510"), false}, "DoNotDisturbEvent");
}

TEST_CASE("out-of-service and back-in-service events round-trip in ECMA-323 order") {
   check_event(OutOfServiceEvent{"1136370025", parse_device_id("4930555510")}, "OutOfServiceEvent");
   check_event(BackInServiceEvent{"1136370025", parse_device_id("N<4930555520>Anna Muster")}, "BackInServiceEvent");
}

TEST_CASE("display names with markup characters and umlauts are escaped and read back") {
   const auto odd = parse_device_id("N<4930555520>J\xC3\xBCrgen \"J\xC3\xB6rg\" M\xC3\xBCller & <Co>;displayNumber=4930555520");
   REQUIRE(odd.name == "J\xC3\xBCrgen \"J\xC3\xB6rg\" M\xC3\xBCller & <Co>");
   auto event = call_event(CallEventKind::delivered, "alerting", "newCall");
   event.subject = odd;
   event.calling = odd;
   event.called = kB;
   check_event(event, "DeliveredEvent");
   const auto xml = build(event);
   CHECK(xml.find("N&lt;4930555520&gt;J\xC3\xBCrgen &quot;J\xC3\xB6rg&quot; M\xC3\xBCller &amp; &lt;Co&gt;") != std::string::npos);
   CHECK(xml.find("<Co>") == std::string::npos);
   CHECK(parse_as<CallEvent>(xml).calling.name == odd.name);

   check(CstaError{"operation", "a<b & \"c\""}, "CSTAErrorCode", 12);
   check(SystemRegisterResponse{"r&<\xC3\xA4>"}, "SystemRegisterResponse", 0);
   check_event(ForwardingEvent{"x&y", odd, "forwardImmediate", true, "\"+49\" <30>"}, "ForwardingEvent");
}
