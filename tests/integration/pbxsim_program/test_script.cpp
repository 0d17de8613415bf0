// SPDX-License-Identifier: GPL-3.0-or-later
// The line script: parsing with line numbers, and what its steps do to the office.
#include <string>

#include <catch2/catch.hpp>

#include "script/script.h"
#include "script/step_apply.h"

using namespace portier::pbxsim;

namespace {

OfficeSpec small_office() {
   OfficeSpec spec;
   spec.extensions = {{"100", "Attendant", ExtensionKind::attendant, {}, true},
                      {"200", "Anna", ExtensionKind::office_user, {}, true},
                      {"300", "Ben", ExtensionKind::office_user, {}, true}};
   spec.external_numbers = {"+4930901820"};
   return spec;
}

DeviceState state_of(const Office &office, const std::string &device) {
   auto snap = office.snapshot_device(device);
   REQUIRE(snap.ok());
   return snap.value.state;
}

// Parses and applies every step, failing the test on the first step that does not apply.
void run(Office &office, CallBook &book, const std::string &text) {
   auto script = parse_script(text, "t.script");
   REQUIRE(script.ok());
   for (const Step &step : script.steps) {
      INFO(describe(step));
      if (step.kind == StepKind::wait) {
         office.advance(step.ms);
      } else {
         CHECK(apply_step(office, book, step) == "");
      }
   }
}

}  // namespace

TEST_CASE("a script reads one step per line with comments and blank lines") {
   auto script = parse_script("# warm-up\n\nwait 250\ncall +4930901820 200  # from outside\n"
                              "answer 200\nforward 300 cfnr +4930901820\nforward 300 cfu off\n"
                              "dnd 200 on\nservice 300 out\nhold 200\nretrieve 200\nhangup 200\ndrop-links\n",
                              "t.script");
   REQUIRE(script.ok());
   REQUIRE(script.steps.size() == 11);
   CHECK(script.steps[0].kind == StepKind::wait);
   CHECK(script.steps[0].ms == 250);
   CHECK(script.steps[0].line == 3);
   CHECK(script.steps[1].party == "+4930901820");
   CHECK(script.steps[1].target == "200");
   CHECK(script.steps[3].forward == ForwardType::no_answer);
   CHECK(script.steps[3].on);
   CHECK(!script.steps[4].on);
   CHECK(!script.steps[6].on);  // service out
   CHECK(script.steps[10].kind == StepKind::drop_links);
   CHECK(describe(script.steps[3]) == "forward 300 cfnr +4930901820");
}

TEST_CASE("a bad script line is reported with its line number, and no step is kept") {
   auto unknown = parse_script("wait 10\n\nring 200\n", "t.script");
   CHECK(!unknown.ok());
   CHECK(unknown.steps.empty());
   CHECK(unknown.error.rfind("t.script:3: unknown step 'ring'", 0) == 0);
   CHECK(parse_script("wait soon\n", "t.script").error ==
         "t.script:1: wait needs milliseconds 0..86400000, got 'soon'");
   CHECK(parse_script("call 200\n", "t.script").error == "t.script:1: expected 'call <from> <to>'");
   CHECK(parse_script("wait 1\nforward 200 cfx 300\n", "t.script").error ==
         "t.script:2: unknown forwarding type 'cfx' (expected cfu, cfb or cfnr)");
   CHECK(parse_script("dnd 200 maybe\n", "t.script").error == "t.script:1: expected 'dnd <ext> on|off'");
   CHECK(parse_script("answer Anna\n", "t.script").error == "t.script:1: 'Anna' is not a phone number");
   CHECK(parse_script(std::string(2000, 'x'), "t.script").error == "t.script:1: line longer than 1024 bytes");
}

TEST_CASE("script steps ring, answer, hold and clear calls in the office") {
   Office office(small_office());
   CallBook book;
   run(office, book, "call +4930901820 200\n");
   CHECK(state_of(office, "200") == DeviceState::ringing);
   run(office, book, "answer 200\n");
   CHECK(state_of(office, "200") == DeviceState::busy);
   run(office, book, "hold 200\n");
   CHECK(state_of(office, "200") == DeviceState::held);
   run(office, book, "retrieve 200\nhangup +4930901820\n");
   CHECK(state_of(office, "200") == DeviceState::idle);
   CHECK(office.call_count() == 0);
}

TEST_CASE("script steps set forwarding, do-not-disturb and service in the office") {
   Office office(small_office());
   CallBook book;
   run(office, book, "forward 300 cfu 200\ndnd 200 on\nservice 100 out\n");
   auto forwarding = office.get_forwarding("300");
   REQUIRE(forwarding.ok());
   CHECK(forwarding.value.unconditional.on);
   CHECK(forwarding.value.unconditional.destination == "200");
   CHECK(office.get_dnd("200").value);
   CHECK(state_of(office, "100") == DeviceState::out_of_service);
   run(office, book, "forward 300 cfu off\ndnd 200 off\nservice 100 in\n");
   CHECK(!office.get_forwarding("300").value.unconditional.on);
   CHECK(state_of(office, "200") == DeviceState::idle);
   CHECK(state_of(office, "100") == DeviceState::idle);
}

TEST_CASE("a step the office refuses reports why, and an outside party answers its call") {
   Office office(small_office());
   CallBook book;
   auto script = parse_script("answer 200\ncall 200 +4930901820\nanswer +4930901820\nhangup 200\n", "t");
   REQUIRE(script.ok());
   CHECK(apply_step(office, book, script.steps[0]) == "no call rings at 200");
   CHECK(apply_step(office, book, script.steps[1]) == "");
   CHECK(state_of(office, "200") == DeviceState::busy);
   CHECK(apply_step(office, book, script.steps[2]) == "");
   CHECK(apply_step(office, book, script.steps[3]) == "");
   CHECK(office.call_count() == 0);
}

#if __has_include("server/faults.h")
TEST_CASE("a fault step takes the rest of its line, checked by the server's fault grammar") {
   auto good = parse_script("fault error MakeCall operation/invalidCallID times 2\nfault reset\n", "t.script");
   REQUIRE(good.ok());
   CHECK(good.steps[0].kind == StepKind::fault);
   CHECK(good.steps[0].fault == "error MakeCall operation/invalidCallID times 2");
   auto bad = parse_script("wait 1\nfault explode now\n", "t.script");
   CHECK(bad.error.rfind("t.script:2: bad fault: ", 0) == 0);
}
#endif
