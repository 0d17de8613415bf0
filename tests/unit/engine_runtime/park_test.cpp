// SPDX-License-Identifier: GPL-3.0-or-later
// Processing queue rule 5: park and paging on the tenant's callback numbers.
#include <catch2/catch.hpp>

#include "engine/runtime/callback_numbers.h"
#include "engine_fixture.h"

using namespace portier::engine;
using namespace portier::engine::test;

TEST_CASE("a parked call takes the first free callback number of its tenant and waits with music",
          "[engine][park]") {
   EngineFixture f;
   f.start();
   const std::string leg = f.connected_call("c1");
   REQUIRE(f.engine->park("anna", "c1") == Outcome::ok);
   CHECK(f.trunk.has("hangup", leg));
   CHECK(f.trunk.of("play", "c1").back().other == "moh");
   const auto queue = f.engine->processing_queue(kDefaultTenant);
   REQUIRE(queue.size() == 1);
   CHECK(queue[0].state == ProcessingState::parked);
   CHECK(queue[0].callback_number == kCallback0);
   CHECK(f.engine->parked_on(kCallback0) == "c1");
   CHECK(f.engine->attendant_state(*f.engine->find_attendant("anna")) == AttendantState::available);
}

TEST_CASE("dialling the callback number connects the caller to whoever dialled and frees the number",
          "[engine][park]") {
   EngineFixture f;
   f.start();
   f.connected_call("c1");
   REQUIRE(f.engine->park("anna", "c1") == Outcome::ok);
   f.clock.advance(5000);
   f.incoming("pickup-1", kCallback0, "+4930555");
   CHECK(f.trunk.has("answer", "pickup-1"));
   const auto connects = f.trunk.of("connect", "c1");
   REQUIRE(connects.size() == 2);
   CHECK(connects.back().other == "pickup-1");
   REQUIRE(f.ended("c1").size() == 1);
   CHECK(f.ended("c1")[0].reason == EndReason::transferred);
   CHECK(f.ended("c1")[0].target == kCallback0);
   CHECK(f.ended("c1")[0].attendant == "anna");
   CHECK(f.engine->parked_on(kCallback0).empty());
   CHECK(f.engine->find_call("pickup-1") == nullptr);  // a pickup is no call of its own

   f.connected_call("c2");
   REQUIRE(f.engine->park("anna", "c2") == Outcome::ok);
   CHECK(f.engine->parked_on(kCallback0) == "c2");  // free again
}

TEST_CASE("paging parks the call and tells front ends which number to announce", "[engine][park]") {
   EngineFixture f;
   f.start();
   f.connected_call("c1");
   f.connected_call("c2");  // anna is free after paging c1
   REQUIRE(f.engine->page("anna", "c1") == Outcome::ok);
   const auto announced = f.events_of<CallProcessing>();
   REQUIRE(announced.size() == 1);
   CHECK(announced[0].call_id == "c1");
   CHECK(announced[0].state == ProcessingState::paged);
   CHECK(announced[0].callback_number == kCallback0);
   CHECK(announced[0].tenant == kDefaultTenant);
   CHECK(announced[0].attendant == "anna");
   f.incoming("pickup-1", kCallback0);
   CHECK(f.ended("c1").at(0).reason == EndReason::transferred);
}

TEST_CASE("with every callback number taken, park is refused and the call stays with its attendant",
          "[engine][park]") {
   EngineFixture f;
   f.start();
   const std::vector<std::string> names = {"anna", "bert", "carl", "dora"};
   for (std::size_t i = 0; i < names.size(); ++i) {
      const std::string device = "+493050" + std::to_string(i + 1);
      REQUIRE(f.log_on(names[i], device, {kMain}) == Outcome::ok);
   }
   for (std::size_t i = 0; i < names.size(); ++i) {
      f.connected_call("c" + std::to_string(i), names[i]);
   }
   for (std::size_t i = 0; i < 3; ++i) {
      const std::string call = "c" + std::to_string(i);
      REQUIRE(f.engine->find_call(call)->attendant == names[i]);
      REQUIRE(f.engine->park(names[i], call) == Outcome::ok);
   }
   const std::string leg = f.leg_of("c3");
   REQUIRE(f.engine->find_call("c3")->attendant == "dora");
   CHECK(f.engine->park("dora", "c3") == Outcome::no_callback_number);
   CHECK(f.engine->page("dora", "c3") == Outcome::no_callback_number);
   CHECK(f.engine->find_call("c3")->phase == CallPhase::connected);
   CHECK(!f.trunk.has("hangup", leg));
   CHECK(f.engine->parked_on(kCallback2) == "c2");
   CHECK(f.engine->audit().empty());
}

TEST_CASE("a tenant without callback numbers cannot park", "[engine][park]") {
   EngineFixture f;
   f.data.number_ranges.clear();
   f.start();
   f.connected_call("c1");
   CHECK(f.engine->park("anna", "c1") == Outcome::no_callback_number);
   CHECK(f.engine->find_call("c1")->phase == CallPhase::connected);
}

TEST_CASE("a parked call nobody picks up within the max transfer time returns to the processing queue for a "
          "decision",
          "[engine][park]") {
   EngineFixture f;
   f.start();
   f.connected_call("c1");
   REQUIRE(f.engine->page("anna", "c1") == Outcome::ok);
   f.clock.advance(29999);
   CHECK(f.engine->parked_on(kCallback0) == "c1");
   f.clock.advance(1);
   CHECK(f.engine->parked_on(kCallback0).empty());
   const auto queue = f.engine->processing_queue(kDefaultTenant);
   REQUIRE(queue.size() == 1);
   CHECK(queue[0].state == ProcessingState::park_expired);
   CHECK(queue[0].callback_number.empty());
   CHECK(!f.trunk.has("hangup", "c1"));
   // The number is free: dialling it now reaches nobody.
   f.incoming("late", kCallback0);
   CHECK(f.trunk.of("reject", "late").at(0).status == 404);
   // An attendant decides: page again.
   REQUIRE(f.engine->page("anna", "c1") == Outcome::ok);
   CHECK(f.engine->parked_on(kCallback0) == "c1");
   CHECK(f.engine->audit().empty());
}

TEST_CASE("a transferring call can be paged instead, and a paged one retrieved", "[engine][park]") {
   EngineFixture f;
   f.start();
   f.connected_call("c1");
   REQUIRE(f.engine->transfer("anna", "c1", kTarget) == Outcome::ok);
   const std::string target_leg = f.last_leg();
   REQUIRE(f.engine->page("anna", "c1") == Outcome::ok);
   CHECK(f.trunk.has("hangup", target_leg));
   CHECK(f.engine->parked_on(kCallback0) == "c1");
   REQUIRE(f.engine->retrieve("anna", "c1") == Outcome::ok);
   CHECK(f.engine->parked_on(kCallback0).empty());
   f.engine->on_answered(f.leg_of("c1"));
   CHECK(f.engine->find_call("c1")->phase == CallPhase::connected);
   CHECK(f.engine->audit().empty());
}

TEST_CASE("callback numbers count up from the first with its digits and stop after the last", "[engine][park]") {
   const NumberRange range{"+4930098", "+4930101"};
   CHECK(number_in_range(range, 0) == std::optional<std::string>("+4930098"));
   CHECK(number_in_range(range, 2) == std::optional<std::string>("+4930100"));
   CHECK(number_in_range(range, 3) == std::optional<std::string>("+4930101"));
   CHECK(!number_in_range(range, 4));
   CHECK(number_in_range({"+0001", "+0009"}, 1) == std::optional<std::string>("+0002"));  // leading zeros kept
   CHECK(!number_in_range({"4930100", "4930109"}, 0));    // no '+'
   CHECK(!number_in_range({"+49301x0", "+4930109"}, 0));  // not digits
   CHECK(!number_in_range({"+4930109", "+4930100"}, 0));  // reversed
   CHECK(!number_in_range({"+493010", "+4930100"}, 0));   // lengths differ
   CHECK(!number_in_range({"+12345678901234567890", "+12345678901234567899"}, 0));  // too long
}
