// SPDX-License-Identifier: GPL-3.0-or-later
// Every request we build reads back through our parser unchanged, and its elements follow the
// order of the examples in csta-famos.md section 1.6 (the table below).
#include <expat.h>

#include <map>
#include <string>
#include <vector>

#include "csta_test_support.h"
#include "xml_shape.h"
#include "portier/csta/builders.h"
#include "portier/csta/framing.h"

using namespace portier::csta;
using portier::csta::test::shape_of;

namespace {

using Order = std::vector<std::string>;
// From the note's examples E1-E19, element for element.
const std::map<std::string, Order> kOrder{
   {"SystemStatus", {"1:systemStatus"}},
   {"SystemStatusResponse", {}},
   {"SystemRegister", {"1:requestTypes", "2:systemStatus", "2:requestSystemStatus"}},
   {"StartApplicationSession", {"1:applicationInfo", "2:applicationID", "1:requestedProtocolVersions", "2:protocolVersion", "1:requestedSessionDuration"}},
   {"MonitorStart", {"1:monitorObject", "2:deviceObject", "1:monitorType"}},
   {"MonitorStop", {"1:monitorCrossRefID"}},
   {"SnapshotDevice", {"1:snapshotObject"}},
   {"MakeCall", {"1:callingDevice", "1:calledDirectoryNumber", "1:autoOriginate"}},
   {"AnswerCall", {"1:callToBeAnswered", "2:callID", "2:deviceID"}},
   {"ClearConnection", {"1:connectionToBeCleared", "2:callID", "2:deviceID"}},
   {"HoldCall", {"1:callToBeHeld", "2:callID", "2:deviceID"}},
   {"RetrieveCall", {"1:callToBeRetrieved", "2:callID", "2:deviceID"}},
   {"ConsultationCall", {"1:existingCall", "2:callID", "2:deviceID", "1:consultedDevice"}},
   {"TransferCall", {"1:heldCall", "2:callID", "2:deviceID", "1:activeCall", "2:callID", "2:deviceID"}},
   {"SingleStepTransferCall", {"1:activeCall", "2:callID", "2:deviceID", "1:transferredTo"}},
   {"DeflectCall", {"1:callToBeDiverted", "2:callID", "2:deviceID", "1:newDestination"}},
   {"SetForwarding", {"1:device", "1:forwardingType", "1:activateForward", "1:forwardDN"}},
   {"GetForwarding", {"1:device"}},
   {"SetDoNotDisturb", {"1:device", "1:doNotDisturbOn"}},
   {"GetDoNotDisturb", {"1:device"}},
};

// Build -> parse -> the same struct; the document's shape matches the table.
template <typename T>
void check_request(const T &request, const std::string &root) {
   INFO(root);
   const auto xml = build(request);
   CHECK(xml.rfind("<?xml version=\"1.0\" encoding=\"UTF-8\"?>", 0) == 0);
   CHECK(encode_frame(1, xml));
   const auto shape = shape_of(xml);
   CHECK(shape.root == root);
   CHECK(shape.ns == (root == "StartApplicationSession" ? kNamespaceSession : kNamespaceEd4));
   REQUIRE(kOrder.count(root) == 1);
   CHECK(shape.children == kOrder.at(root));
   CHECK(portier::csta::test::parse_as<T>(xml) == request);
}

const ConnectionId kCall = connection("FF00010000000000AABBCCDD11220000", "4930555510");
const ConnectionId kOther = connection("FF00010000000000AABBCCDD11220001", "4930555510");

}  // namespace

TEST_CASE("system and session requests round-trip in the standard's element order") {
   check_request(SystemStatus{"normal", ""}, "SystemStatus");
   check_request(SystemStatusResponse{}, "SystemStatusResponse");
   check_request(SystemRegister{true, false}, "SystemRegister");
   check_request(StartApplicationSession{"Portier", kNamespaceEd4, 600}, "StartApplicationSession");
}

TEST_CASE("monitoring requests round-trip in the standard's element order") {
   check_request(MonitorStart{"+4930555510", ""}, "MonitorStart");
   check_request(MonitorStop{"1136370025"}, "MonitorStop");
   check_request(SnapshotDevice{"+4930555510"}, "SnapshotDevice");
}

TEST_CASE("MonitorStart keeps a typeOfNumber attribute on deviceObject") {
   const MonitorStart request{"+4930555510", "dialingNumber"};
   CHECK(build(request).find("<deviceObject typeOfNumber=\"dialingNumber\">+4930555510</deviceObject>") != std::string::npos);
   check_request(request, "MonitorStart");
}

TEST_CASE("call-control requests round-trip in the standard's element order") {
   check_request(MakeCall{"+4930555510", "+4930555520", false}, "MakeCall");
   check_request(MakeCall{"+4930555510", "+4930555520", true}, "MakeCall");
   check_request(AnswerCall{kCall}, "AnswerCall");
   check_request(ClearConnection{kCall}, "ClearConnection");
   check_request(HoldCall{kCall}, "HoldCall");
   check_request(RetrieveCall{kCall}, "RetrieveCall");
   check_request(ConsultationCall{kCall, "+4930555530"}, "ConsultationCall");
   check_request(TransferCall{kCall, kOther}, "TransferCall");
   check_request(SingleStepTransferCall{kCall, "+4930555530"}, "SingleStepTransferCall");
   check_request(DeflectCall{kCall, "+4930555540"}, "DeflectCall");
}

TEST_CASE("forwarding and do-not-disturb requests round-trip in the standard's element order") {
   check_request(SetForwarding{"+4930555510", "forwardImmediate", true, "+4930555599"}, "SetForwarding");
   check_request(GetForwarding{"+4930555510"}, "GetForwarding");
   check_request(SetDoNotDisturb{"+4930555510", true}, "SetDoNotDisturb");
   check_request(SetDoNotDisturb{"+4930555510", false}, "SetDoNotDisturb");
   check_request(GetDoNotDisturb{"+4930555510"}, "GetDoNotDisturb");
}

TEST_CASE("switching forwarding off leaves forwardDN out") {
   const SetForwarding off{"+4930555510", "forwardBusy", false, ""};
   CHECK(shape_of(build(off)).children == Order{"1:device", "1:forwardingType", "1:activateForward"});
   CHECK(portier::csta::test::parse_as<SetForwarding>(build(off)) == off);
}

TEST_CASE("a device id with an OSV display name and markup characters survives the round trip") {
   const auto odd = connection("C<&>\"'1", "N<+4930555510>J\xC3\xBCrgen & <Co>;displayNumber=4930555510");
   check_request(AnswerCall{odd}, "AnswerCall");
   CHECK(build(AnswerCall{odd}).find("N&lt;+4930555510&gt;J\xC3\xBCrgen &amp; &lt;Co&gt;") != std::string::npos);
   check_request(MakeCall{"a\rb", "x'y\"z", false}, "MakeCall");
}
