// SPDX-License-Identifier: GPL-3.0-or-later
// Rule 7: bad or late input is noted, never fatal; one call's failure leaves the others alone.
#include <catch2/catch.hpp>

#include "engine_fixture.h"

using namespace portier::engine;
using namespace portier::engine::test;

TEST_CASE("events for unknown call ids are noted and ignored", "[engine][robustness]") {
   EngineFixture f;
   f.start();
   f.engine->on_answered("ghost-1");
   f.engine->on_ended("ghost-2", 487);
   f.engine->on_media_done("ghost-3", "moh");
   f.engine->on_connected("ghost-4", "ghost-5");
   const auto notes = f.events_of<EngineNote>();
   REQUIRE(notes.size() == 4);
   CHECK(notes[0].call_id == "ghost-1");
   CHECK(notes[1].text.find("487") != std::string::npos);
   CHECK(f.trunk.commands.empty());
   CHECK(f.engine->call_count() == 0);
}

TEST_CASE("an incoming call with an empty or duplicate call id is ignored", "[engine][robustness]") {
   EngineFixture f;
   f.start();
   f.incoming("c1", kMain);
   f.incoming("c1", kInternal);
   f.incoming("", kMain);
   CHECK(f.trunk.of("ring").size() == 1);
   CHECK(f.engine->find_call("c1")->called == kMain);
   CHECK(f.events_of<EngineNote>().size() == 2);
}

TEST_CASE("a failed push for one call does not disturb another call", "[engine][robustness]") {
   EngineFixture f;
   f.start();
   REQUIRE(f.log_on("anna", "+4930501", {kMain}) == Outcome::ok);
   REQUIRE(f.log_on("bert", "+4930502", {kMain}) == Outcome::ok);
   f.incoming("c1", kMain);
   f.incoming("c2", kMain);
   f.clock.advance(3000);
   const std::string leg1 = f.leg_of("c1");
   const std::string leg2 = f.leg_of("c2");
   REQUIRE_FALSE(leg1.empty());
   REQUIRE_FALSE(leg2.empty());
   f.engine->on_ended(leg1, 500);
   f.engine->on_answered(leg2);
   CHECK(f.engine->find_call("c2")->phase == CallPhase::connected);
   CHECK(f.engine->find_call("c2")->attendant == "bert");
   CHECK(f.engine->find_call("c1")->phase == CallPhase::waiting);
   CHECK(f.engine->audit().empty());
}

TEST_CASE("a second answer or end of the same leg is ignored", "[engine][robustness]") {
   EngineFixture f;
   f.start();
   const std::string leg = f.connected_call("c1");
   f.engine->on_answered(leg);
   CHECK(f.trunk.of("connect").size() == 1);
   f.engine->on_ended(leg, 200);
   f.engine->on_ended(leg, 200);
   f.engine->on_ended("c1", 200);
   CHECK(f.ended("c1").size() == 1);
}

TEST_CASE("a reload applies to new calls and leaves waiting calls where they are", "[engine][robustness]") {
   EngineFixture f;
   f.start();
   REQUIRE(f.log_on("anna", "+4930501", {kMain}, "", false) == Outcome::ok);
   f.queued_call("c1");
   EngineData reloaded = standard_data();
   reloaded.ddi.erase(reloaded.ddi.begin());  // kMain is gone
   f.engine->set_data(reloaded);
   f.incoming("c2", kMain);
   CHECK(f.trunk.of("reject", "c2").at(0).status == 404);
   CHECK(f.engine->queue_order(kMain, false) == std::vector<std::string>{"c1"});
   // A new log-on for the removed number is refused; anna, logged on before, still serves c1.
   CHECK(f.log_on("bert", "+4930502", {kMain}) == Outcome::not_assigned);
   REQUIRE(f.engine->set_available("anna", true) == Outcome::ok);
   CHECK(f.trunk.legs_for("c1").size() == 1);
}

TEST_CASE("an engine destroyed with calls held leaves no timer behind", "[engine][robustness]") {
   EngineFixture f;
   f.data.tenants[0].time_overflow_variant = "overflow-announce";
   f.start();
   REQUIRE(f.log_on("anna", "+4930501", {kMain}) == Outcome::ok);
   f.queued_call("c1");
   f.incoming("c2", kMain);
   REQUIRE(f.clock.pending() > 0);
   f.engine.reset();
   CHECK(f.clock.pending() == 0);
   f.clock.advance(200000);
}

TEST_CASE("log on refuses a missing device, a second log on and a personal line in use", "[engine][robustness]") {
   EngineFixture f;
   f.start();
   CHECK(f.log_on("anna", "", {kMain}) == Outcome::invalid);
   REQUIRE(f.log_on("anna", "+4930501", {kMain}, "+4930601") == Outcome::ok);
   CHECK(f.log_on("anna", "+4930502", {kMain}) == Outcome::already_logged_on);
   CHECK(f.log_on("bert", "+4930502", {kMain}, "+4930601") == Outcome::line_in_use);
   CHECK(f.engine->set_available("nobody", true) == Outcome::unknown_attendant);
   CHECK(f.engine->log_off("nobody") == Outcome::unknown_attendant);
}

TEST_CASE("the logged-on attendants are listed by name for snapshots", "[engine][robustness]") {
   EngineFixture f;
   f.start();
   REQUIRE(f.log_on("bert", "+4930502", {kMain}) == Outcome::ok);
   REQUIRE(f.log_on("anna", "+4930501", {kMain}) == Outcome::ok);
   CHECK(f.engine->attendant_ids() == std::vector<std::string>{"anna", "bert"});
   REQUIRE(f.engine->log_off("bert") == Outcome::ok);
   CHECK(f.engine->attendant_ids() == std::vector<std::string>{"anna"});
}
