// SPDX-License-Identifier: GPL-3.0-or-later
// Rule 4: a push that is not answered in time comes back and goes to the next attendant.
#include <catch2/catch.hpp>

#include "engine_fixture.h"

using namespace portier::engine;
using namespace portier::engine::test;

TEST_CASE("a push not answered within the RNA timeout goes to the next attendant, and the first becomes unavailable",
          "[engine][rna]") {
   EngineFixture f;
   f.start();
   REQUIRE(f.log_on("anna", "+4930501", {kMain}) == Outcome::ok);
   f.clock.advance(10);
   REQUIRE(f.log_on("bert", "+4930502", {kMain}) == Outcome::ok);
   f.queued_call("c1");
   const std::string first_leg = f.leg_of("c1");
   REQUIRE(f.trunk.legs_for("c1").at(0).other == "+4930501");

   f.clock.advance(19999);
   CHECK_FALSE(f.trunk.has("hangup", first_leg));
   f.clock.advance(1);
   CHECK(f.trunk.has("hangup", first_leg));
   CHECK(f.engine->attendant_state(*f.engine->find_attendant("anna")) == AttendantState::unavailable);
   const auto legs = f.trunk.legs_for("c1");
   REQUIRE(legs.size() == 2);
   CHECK(legs[1].other == "+4930502");
   REQUIRE(f.events_of<CallTakenBack>().size() == 1);
   CHECK(f.events_of<CallTakenBack>()[0].attendant == "anna");
   // The caller hears music again between the two pushes.
   CHECK(f.trunk.of("play", "c1").size() == 2);
}

TEST_CASE("a late answer of a push already taken back is ignored", "[engine][rna]") {
   EngineFixture f;
   f.start();
   REQUIRE(f.log_on("anna", "+4930501", {kMain}) == Outcome::ok);
   f.queued_call("c1");
   const std::string first_leg = f.leg_of("c1");
   f.clock.advance(20000);
   f.engine->on_answered(first_leg);
   CHECK(f.trunk.of("connect").empty());
   CHECK(f.engine->find_call("c1")->phase == CallPhase::waiting);
   CHECK_FALSE(f.events_of<EngineNote>().empty());
}

TEST_CASE("a call taken back after an unanswered push keeps its place ahead of later calls", "[engine][rna]") {
   EngineFixture f;
   f.start();
   REQUIRE(f.log_on("anna", "+4930501", {kMain}) == Outcome::ok);
   f.queued_call("c1");
   f.queued_call("c2");
   f.queued_call("c3");
   f.clock.advance(20000);
   CHECK(f.engine->queue_order(kMain, false) == std::vector<std::string>{"c1", "c2", "c3"});
   REQUIRE(f.log_on("bert", "+4930502", {kMain}) == Outcome::ok);
   CHECK(f.trunk.legs_for("c1").size() == 2);
   CHECK(f.trunk.legs_for("c2").empty());
}

TEST_CASE("a device that refuses the push is treated like an unanswered one", "[engine][rna]") {
   EngineFixture f;
   f.start();
   REQUIRE(f.log_on("anna", "+4930501", {kMain}) == Outcome::ok);
   REQUIRE(f.log_on("bert", "+4930502", {kMain}) == Outcome::ok);
   f.queued_call("c1");
   f.engine->on_ended(f.leg_of("c1"), 486);
   CHECK(f.engine->attendant_state(*f.engine->find_attendant("anna")) == AttendantState::unavailable);
   const auto legs = f.trunk.legs_for("c1");
   REQUIRE(legs.size() == 2);
   CHECK(legs[1].other == "+4930502");
   CHECK(f.engine->audit().empty());
}

TEST_CASE("an attendant who turns unavailable during a push gives the call back", "[engine][rna]") {
   EngineFixture f;
   f.start();
   REQUIRE(f.log_on("anna", "+4930501", {kMain}) == Outcome::ok);
   f.queued_call("c1");
   const std::string leg = f.leg_of("c1");
   REQUIRE(f.engine->set_available("anna", false) == Outcome::ok);
   CHECK(f.trunk.has("hangup", leg));
   CHECK(f.engine->queue_order(kMain, false) == std::vector<std::string>{"c1"});
}

TEST_CASE("an attendant who logs off during a push gives the call back", "[engine][rna]") {
   EngineFixture f;
   f.start();
   REQUIRE(f.log_on("anna", "+4930501", {kMain}) == Outcome::ok);
   f.queued_call("c1");
   REQUIRE(f.engine->log_off("anna") == Outcome::ok);
   CHECK(f.engine->find_attendant("anna") == nullptr);
   CHECK(f.engine->queue_order(kMain, false) == std::vector<std::string>{"c1"});
   CHECK(f.engine->audit().empty());
}

TEST_CASE("an attendant connected to a caller cannot log off", "[engine][rna]") {
   EngineFixture f;
   f.start();
   REQUIRE(f.log_on("anna", "+4930501", {kMain}) == Outcome::ok);
   f.queued_call("c1");
   f.engine->on_answered(f.leg_of("c1"));
   CHECK(f.engine->log_off("anna") == Outcome::attendant_busy);
}
