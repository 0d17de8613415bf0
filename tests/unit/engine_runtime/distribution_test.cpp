// SPDX-License-Identifier: GPL-3.0-or-later
// Rule 3: automatic distribution and pick mode.
#include <catch2/catch.hpp>

#include "engine_fixture.h"

using namespace portier::engine;
using namespace portier::engine::test;

TEST_CASE("a waiting call is pushed to an available attendant of its pilot, charged to the pilot, with ringback",
          "[engine][distribution]") {
   EngineFixture f;
   f.start();
   REQUIRE(f.log_on("anna", "+4930501", {kMain}) == Outcome::ok);
   f.incoming("c1", kMain, "+4989123");
   CHECK(f.trunk.of("place_call").empty());  // not before the ring time is over
   f.clock.advance(3000);
   const auto legs = f.trunk.legs_for("c1");
   REQUIRE(legs.size() == 1);
   CHECK(legs[0].other == "+4930501");
   CHECK(legs[0].caller == "+4989123");
   CHECK(legs[0].charge_number == kMain);
   CHECK(legs[0].early_media == EarlyMedia::ringback);
   CHECK(f.engine->find_call("c1")->phase == CallPhase::offered);
   CHECK(f.engine->attendant_state(*f.engine->find_attendant("anna")) == AttendantState::offered);
   CHECK(f.engine->queue_order(kMain, false).empty());
}

TEST_CASE("when the attendant's leg answers, caller and attendant are connected and the attendant is busy",
          "[engine][distribution]") {
   EngineFixture f;
   f.start();
   REQUIRE(f.log_on("anna", "+4930501", {kMain}) == Outcome::ok);
   f.queued_call("c1");
   const std::string leg = f.leg_of("c1");
   f.clock.advance(4000);
   f.engine->on_answered(leg);
   const auto connects = f.trunk.of("connect", "c1");
   REQUIRE(connects.size() == 1);
   CHECK(connects[0].other == leg);
   CHECK(f.engine->find_call("c1")->phase == CallPhase::connected);
   CHECK(f.engine->attendant_state(*f.engine->find_attendant("anna")) == AttendantState::busy);
   REQUIRE(f.events_of<CallConnected>().size() == 1);
   CHECK(f.events_of<CallConnected>()[0].attendant == "anna");

   f.engine->on_ended("c1", 200);
   REQUIRE(f.ended("c1").size() == 1);
   CHECK(f.ended("c1")[0].reason == EndReason::answered);
   CHECK(f.ended("c1")[0].waiting_ms == 7000);  // ring 3 s, then 4 s of push until the answer
}

TEST_CASE("the attendant idle longest gets the next call", "[engine][distribution]") {
   EngineFixture f;
   f.start();
   REQUIRE(f.log_on("anna", "+4930501", {kMain}, "", false) == Outcome::ok);
   REQUIRE(f.log_on("bert", "+4930502", {kMain}, "", false) == Outcome::ok);
   REQUIRE(f.engine->set_available("bert", true) == Outcome::ok);
   f.clock.advance(1000);
   REQUIRE(f.engine->set_available("anna", true) == Outcome::ok);
   f.queued_call("c1");
   CHECK(f.trunk.legs_for("c1").at(0).other == "+4930502");
   f.queued_call("c2");
   CHECK(f.trunk.legs_for("c2").at(0).other == "+4930501");
}

TEST_CASE("the most urgent waiting call is pushed first", "[engine][distribution]") {
   EngineFixture f;
   f.start();
   REQUIRE(f.log_on("anna", "+4930501", {kMain, kInternal}, "", false) == Outcome::ok);
   f.queued_call("main-1", kMain);
   f.queued_call("internal-1", kInternal);
   REQUIRE(f.engine->set_available("anna", true) == Outcome::ok);
   CHECK(f.trunk.legs_for("internal-1").size() == 1);
   CHECK(f.trunk.legs_for("main-1").empty());
}

TEST_CASE("an attendant not assigned to the pilot or not available gets no push", "[engine][distribution]") {
   EngineFixture f;
   f.start();
   REQUIRE(f.log_on("anna", "+4930501", {kInternal}) == Outcome::ok);
   REQUIRE(f.log_on("bert", "+4930502", {kMain}, "", false) == Outcome::ok);
   f.queued_call("c1");
   CHECK(f.trunk.of("place_call").empty());
   CHECK(f.engine->find_call("c1")->phase == CallPhase::waiting);
}

TEST_CASE("a busy attendant gets the next call only once the conversation ends", "[engine][distribution]") {
   EngineFixture f;
   f.start();
   REQUIRE(f.log_on("anna", "+4930501", {kMain}) == Outcome::ok);
   f.queued_call("c1");
   f.engine->on_answered(f.leg_of("c1"));
   f.queued_call("c2");
   CHECK(f.trunk.legs_for("c2").empty());
   f.engine->on_ended(f.leg_of("c1"), 200);
   CHECK(f.trunk.legs_for("c2").size() == 1);
}

TEST_CASE("a personal-line call is pushed only to the attendant who owns the line", "[engine][distribution]") {
   EngineFixture f;
   f.start();
   REQUIRE(f.log_on("anna", "+4930501", {kMain}, "+4930601") == Outcome::ok);
   REQUIRE(f.log_on("bert", "+4930502", {kMain}, "+4930602") == Outcome::ok);
   f.clock.advance(10);  // both idle; bert since later
   REQUIRE(f.engine->set_available("anna", false) == Outcome::ok);
   REQUIRE(f.engine->set_available("anna", true) == Outcome::ok);
   f.queued_call("c1", "+4930601");
   const auto legs = f.trunk.legs_for("c1");
   REQUIRE(legs.size() == 1);
   CHECK(legs[0].other == "+4930501");
   CHECK(legs[0].charge_number == "+4930601");
}

TEST_CASE("in pick mode nothing is pushed, and a pick takes the call to the attendant", "[engine][distribution]") {
   EngineFixture f;
   f.start();
   REQUIRE(f.log_on("anna", "+4930501", {kPicked}) == Outcome::ok);
   f.queued_call("c1", kPicked);
   CHECK(f.trunk.of("place_call").empty());
   REQUIRE(f.engine->pick("anna", "c1") == Outcome::ok);
   const auto legs = f.trunk.legs_for("c1");
   REQUIRE(legs.size() == 1);
   CHECK(legs[0].other == "+4930501");
   f.engine->on_answered(legs[0].call_id);
   CHECK(f.engine->find_call("c1")->phase == CallPhase::connected);
}

TEST_CASE("a pick is refused for a call the attendant does not serve or that is not waiting",
          "[engine][distribution]") {
   EngineFixture f;
   f.start();
   REQUIRE(f.log_on("anna", "+4930501", {kPicked}) == Outcome::ok);
   REQUIRE(f.log_on("bert", "+4930502", {kInternal}) == Outcome::ok);
   f.queued_call("c1", kPicked);
   CHECK(f.engine->pick("bert", "c1") == Outcome::not_assigned);
   CHECK(f.engine->pick("nobody", "c1") == Outcome::unknown_attendant);
   CHECK(f.engine->pick("anna", "ghost") == Outcome::unknown_call);
   REQUIRE(f.engine->pick("anna", "c1") == Outcome::ok);
   CHECK(f.engine->pick("anna", "c1") == Outcome::not_waiting);
   f.queued_call("c2", kMain);
   CHECK(f.engine->pick("anna", "c2") == Outcome::wrong_mode);
}
