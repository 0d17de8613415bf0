// SPDX-License-Identifier: GPL-3.0-or-later
// The fault grammar of the simulated OpenScape Voice (server/faults.h) and the bytes each
// one-shot fault sends.
#include <string>

#include <catch2/catch.hpp>

#include <portier/csta/framing.h>
#include <portier/csta/parser.h>
#include <portier/csta/server_builders.h>

#include "server/faults.h"

namespace {

using namespace portier::pbxsim;
namespace csta = portier::csta;

Fault good(std::string_view line) {
   std::string error;
   auto fault = parse_fault(line, error);
   INFO(line << " -> " << error);
   REQUIRE(fault);
   CHECK(error.empty());
   return *fault;
}

std::string bad(std::string_view line) {
   std::string error;
   auto fault = parse_fault(line, error);
   INFO(line);
   CHECK_FALSE(fault);
   return error;
}

}  // namespace

TEST_CASE("an error rule names the request, the category and the value, once by default") {
   const Fault f = good("error MakeCall stateIncompatibility/invalidCallState");
   CHECK(f.kind == FaultKind::error);
   CHECK(f.request == "MakeCall");
   CHECK(f.category == "stateIncompatibility");
   CHECK(f.value == "invalidCallState");
   CHECK(f.times == 1);
}

TEST_CASE("times takes a count or always, and any request is a star") {
   CHECK(good("error * operation/generic times 3").times == 3);
   CHECK(good("drop SnapshotDevice times always").times == kAlways);
   const Fault f = good("  delay\tAnswerCall 250   times 2 ");
   CHECK(f.kind == FaultKind::delay);
   CHECK(f.request == "AnswerCall");
   CHECK(f.delay_ms == 250);
   CHECK(f.times == 2);
   CHECK(good("drop *").request == "*");
}

TEST_CASE("the one-shot faults, noise and clear take no other words") {
   CHECK(good("reset").kind == FaultKind::reset);
   CHECK(good("oversized").kind == FaultKind::oversized);
   CHECK(good("malformed").kind == FaultKind::malformed);
   CHECK(good("truncated").kind == FaultKind::truncated);
   CHECK(good("clear").kind == FaultKind::clear);
   CHECK(good("noise on").on);
   CHECK_FALSE(good("noise off").on);
}

TEST_CASE("every ECMA-269 error category is accepted") {
   for (const char *category : {"operation", "security", "stateIncompatibility", "systemResourceAvailability",
                                "subscribedResourceAvailability", "performanceManagement", "privateData",
                                "unspecified"}) {
      CHECK(good("error * " + std::string(category) + "/someValue").category == category);
   }
}

TEST_CASE("an unknown fault word is reported at word 1 with the faults there are") {
   CHECK(bad("explode MakeCall") ==
         "word 1 (\"explode\"): unknown fault; expected error, delay, drop, reset, oversized, malformed, "
         "truncated, noise or clear");
   CHECK(bad("Error MakeCall operation/generic").rfind("word 1 (\"Error\"): unknown fault", 0) == 0);
   CHECK(bad("   ") ==
         "word 1: missing fault (error, delay, drop, reset, oversized, malformed, truncated, noise or clear)");
}

TEST_CASE("a broken error code is reported at word 3") {
   CHECK(bad("error MakeCall") == "word 3: missing <category>/<value>");
   CHECK(bad("error MakeCall operation") == "word 3 (\"operation\"): expected <category>/<value>");
   CHECK(bad("error MakeCall operations/generic") ==
         "word 3 (\"operations/generic\"): unknown category \"operations\"; expected operation, security, "
         "stateIncompatibility, systemResourceAvailability, subscribedResourceAvailability, "
         "performanceManagement, privateData or unspecified");
   CHECK(bad("error MakeCall operation/") == "word 3 (\"operation/\"): the value after \"/\" is not a name");
}

TEST_CASE("a request that is not an element name is reported at word 2") {
   CHECK(bad("drop") == "word 2: missing <Request|*>");
   CHECK(bad("drop 9Call") == "word 2 (\"9Call\"): not a request name or *");
   CHECK(bad("error <MakeCall> operation/generic") == "word 2 (\"<MakeCall>\"): not a request name or *");
}

TEST_CASE("a delay must be a bounded number of milliseconds") {
   CHECK(bad("delay MakeCall") == "word 3: missing <ms>");
   CHECK(bad("delay MakeCall soon") == "word 3 (\"soon\"): not a number of milliseconds (0..600000)");
   CHECK(bad("delay MakeCall 600001") == "word 3 (\"600001\"): not a number of milliseconds (0..600000)");
   CHECK(bad("delay MakeCall 99999999999999999999") ==
         "word 3 (\"99999999999999999999\"): not a number of milliseconds (0..600000)");
   CHECK(good("delay MakeCall 0").delay_ms == 0);
}

TEST_CASE("a count after times must be positive and bounded, and nothing may follow it") {
   CHECK(bad("drop MakeCall twice") == "word 3 (\"twice\"): unexpected; expected \"times N\" or the end of the line");
   CHECK(bad("drop MakeCall times") == "word 4: missing a count after \"times\" (1..1000000 or always)");
   CHECK(bad("drop MakeCall times 0") == "word 4 (\"0\"): not a count (1..1000000 or always)");
   CHECK(bad("error * operation/generic times -1") == "word 5 (\"-1\"): not a count (1..1000000 or always)");
   CHECK(bad("drop MakeCall times 2 now") == "word 5 (\"now\"): unexpected; expected the end of the line");
}

TEST_CASE("extra words after a one-shot fault or noise are reported") {
   CHECK(bad("reset now") == "word 2 (\"now\"): unexpected; expected the end of the line");
   CHECK(bad("noise") == "word 2: missing on|off");
   CHECK(bad("noise yes") == "word 2 (\"yes\"): expected on or off");
   CHECK(bad("noise on loud") == "word 3 (\"loud\"): unexpected; expected the end of the line");
}

TEST_CASE("a line above the bound is refused before it is split") {
   CHECK(bad("drop " + std::string(kMaxFaultLine, 'A')) == "line longer than 1024 characters");
}

TEST_CASE("a rule matches its request's local name or, as a star, any request") {
   CHECK(fault_matches("*", "MakeCall"));
   CHECK(fault_matches("MakeCall", "MakeCall"));
   CHECK_FALSE(fault_matches("MakeCall", "AnswerCall"));
   CHECK(root_local_name("<?xml version=\"1.0\"?><!-- c --><csta:MakeCall xmlns:csta=\"x\"><a/></csta:MakeCall>") ==
         "MakeCall");
   CHECK(root_local_name("<SystemStatus/>") == "SystemStatus");
   CHECK(root_local_name("no xml here").empty());
}

TEST_CASE("an event with private-data noise parses to the same message as without") {
   csta::CallEvent event;
   event.kind = csta::CallEventKind::delivered;
   event.cross_ref_id = "5";
   event.connection = csta::connection("0A0B", "200");
   event.calling = csta::parse_device_id("100");
   event.called = csta::parse_device_id("200");
   event.local_connection_info = "alerting";
   event.cause = "newCall";
   const std::string plain = csta::build(event);
   const std::string noisy = with_noise(plain);
   CHECK(noisy.size() > plain.size());
   CHECK(noisy.find("privateData") != std::string::npos);
   const auto a = csta::parse_message(plain);
   const auto b = csta::parse_message(noisy);
   INFO(b.error.to_string());
   REQUIRE(a);
   REQUIRE(b);
   CHECK(*a.message == *b.message);
   CHECK(with_noise("<Empty/>") == "<Empty/>");
}

TEST_CASE("the malformed frame is framed right and its body does not parse") {
   csta::FrameReader reader;
   reader.feed(malformed_frame());
   const auto frame = reader.pop();
   REQUIRE(frame);
   CHECK(frame->is_event());
   CHECK_FALSE(csta::parse_message(frame->xml));
   CHECK(reader.buffered() == 0);
}

TEST_CASE("the truncated frame announces more bytes than it carries") {
   csta::FrameReader reader;
   const std::string bytes = truncated_frame();
   reader.feed(bytes);
   CHECK_FALSE(reader.pop());
   CHECK_FALSE(reader.failed());
   const std::size_t announced = (static_cast<unsigned char>(bytes[2]) << 8) | static_cast<unsigned char>(bytes[3]);
   CHECK(announced > bytes.size());
   CHECK(reader.buffered() == bytes.size());
}

TEST_CASE("the oversized frame announces more than 65535 bytes, and the client's reader refuses it") {
   const std::string bytes = oversized_frame();
   const std::size_t announced = (std::size_t{static_cast<unsigned char>(bytes[0])} << 24) |
                                 (std::size_t{static_cast<unsigned char>(bytes[1])} << 16) |
                                 (std::size_t{static_cast<unsigned char>(bytes[2])} << 8) |
                                 static_cast<unsigned char>(bytes[3]);
   CHECK(announced == bytes.size());
   CHECK(announced > csta::kHeaderSize + csta::kMaxBodySize);
   csta::FrameReader reader;
   reader.feed(bytes);
   CHECK_FALSE(reader.pop());
   CHECK(reader.failed());
}
