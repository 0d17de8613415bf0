// SPDX-License-Identifier: GPL-3.0-or-later
// The real OpenScape Voice messages in tests/fixtures/csta-osv read into the right structs.
#include "csta_test_support.h"
#include "portier/csta/framing.h"

using namespace portier::csta;
using portier::csta::test::fixture;
using portier::csta::test::parse_as;

namespace {
// Reads a byte-exact capture: exactly one frame, its length matching the file.
std::string frame_body(const std::string &name, std::size_t expected_length) {
   const auto bytes = fixture(name);
   REQUIRE(bytes.size() == expected_length);
   FrameReader reader;
   reader.feed(bytes);
   const auto frame = reader.pop();
   REQUIRE(frame);
   CHECK(frame->is_event());
   CHECK(reader.buffered() == 0);
   return std::string(frame->xml);
}
}  // namespace

TEST_CASE("the captured ServiceInitiatedEvent frame is 1003 bytes and reads as service initiated") {
   const auto event = parse_as<CallEvent>(frame_body("service-initiated-event.frame", 1003));
   CHECK(event.kind == CallEventKind::service_initiated);
   CHECK(event.cross_ref_id == "1169730059");
   CHECK(event.connection.call_id == "FF000100000000002D65C85C1C750000");
   CHECK(event.connection.device.number == "302118840100");
   CHECK(event.subject.raw == "N<302118840100>;noa=nk");
   CHECK(event.subject.number == "302118840100");
   CHECK(event.local_connection_info == "initiated");
   CHECK(event.cause == "makeCall");
}

TEST_CASE("the captured OriginatedEvent frame is 1091 bytes and reads as originated") {
   const auto event = parse_as<CallEvent>(frame_body("originated-event.frame", 1091));
   CHECK(event.kind == CallEventKind::originated);
   CHECK(event.cross_ref_id == "1169730059");
   CHECK(event.connection.call_id == "FF000100000000002D65C85C1C750000");
   CHECK(event.calling.number == "302118840100");
   CHECK(event.called.number == "302118840101");
   CHECK(event.called.raw == "N<302118840101>;displayNumber=302118840101;noa=nk");
   CHECK(event.local_connection_info == "connected");
   CHECK(event.cause == "newCall");
}

TEST_CASE("a hunt-group delivery keeps the caller's display name apart from the number") {
   const auto event = parse_as<CallEvent>(fixture("delivered-event-entering-distribution.xml"));
   CHECK(event.kind == CallEventKind::delivered);
   CHECK(event.cross_ref_id == "1173673890");
   CHECK(event.connection.call_id == "FF00010000000000EC6114647E570000");
   CHECK(event.connection.device.number == "3021061290002");
   CHECK(event.subject.number == "3021061290002");
   CHECK(event.calling.number == "7868772298");
   CHECK(event.calling.name == "Line71001");
   CHECK(event.called.number == "3021061290002");
   CHECK(event.last_redirection.empty());
   CHECK(event.local_connection_info == "alerting");
   CHECK(event.cause == "enteringDistribution");
}

TEST_CASE("TransferedEvent with one r reads as a transfer with its connection list") {
   const auto event = parse_as<CallEvent>(fixture("transfered-event-single-step.xml"));
   CHECK(event.kind == CallEventKind::transferred);
   CHECK(event.cross_ref_id == "1184300014");
   CHECK(event.connection.call_id == "FF00010000000000CFB6706408000000");
   CHECK(event.connection.device.number == "+17867104700");
   CHECK(event.subject.number == "+17867104700");
   CHECK(event.other.number == "+17867100001");
   CHECK(event.other.name == "Line00001");
   REQUIRE(event.connections.size() == 2);
   CHECK(event.connections[0].new_connection.call_id == "0300010000000000CFB6706408000000");
   CHECK(event.connections[0].endpoint.name == "Line00001");
   CHECK(event.connections[1].new_connection.device.number == "+17867100000");
   CHECK(event.connections[1].endpoint.name == "+ 30(210)8216100");
   CHECK(event.connections[1].endpoint.number == "+17867100000");
   CHECK(event.cause == "singleStepTransfer");
}

TEST_CASE("a CallInformationEvent with private data declared on the root reads") {
   const auto event = parse_as<CallEvent>(fixture("call-information-event.xml"));
   CHECK(event.kind == CallEventKind::call_information);
   CHECK(event.cross_ref_id == "1166743342");
   CHECK(event.connection.call_id == "FF00010000000000E2E00E6416060000");
   CHECK(event.subject.number == "3021061290000");
}

TEST_CASE("the session response in no namespace despite its aps prefix reads by local name") {
   const auto response = parse_as<StartApplicationSessionPosResponse>(fixture("start-application-session-pos-response.xml"));
   CHECK(response.session_id == "009968951");
   CHECK(response.protocol_version == kNamespaceEd4);
   CHECK(response.session_duration == 600);
}

TEST_CASE("the small OSV messages with private data read into their structs") {
   CHECK(parse_as<MonitorStop>(fixture("monitor-stop-with-private-data.xml")).cross_ref_id == "1193240031");
   CHECK(parse_as<SystemRegisterResponse>(fixture("system-register-response.xml")).register_id == "27ss");
   CHECK(parse_as<MonitorStartResponse>(fixture("monitor-start-response.xml")).cross_ref_id == "1136370025");
}
