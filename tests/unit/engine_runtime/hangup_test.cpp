// SPDX-License-Identifier: GPL-3.0-or-later
// Rule 6: callers and attendants who hang up.
#include <catch2/catch.hpp>

#include "engine_fixture.h"

using namespace portier::engine;
using namespace portier::engine::test;

TEST_CASE("a caller who hangs up while waiting leaves the queue as abandoned, with the waiting time",
          "[engine][hangup]") {
   EngineFixture f;
   f.start();
   f.queued_call("c1");
   f.queued_call("c2");
   f.clock.advance(7000);
   f.engine->on_ended("c1", 0);
   CHECK(f.engine->queue_order(kMain, false) == std::vector<std::string>{"c2"});
   CHECK(f.engine->find_call("c1") == nullptr);
   const auto ended = f.ended("c1");
   REQUIRE(ended.size() == 1);
   CHECK(ended[0].reason == EndReason::abandoned);
   CHECK(ended[0].waiting_ms == 13000);  // ring 3 s, c2's 3 s, then 7 s
}

TEST_CASE("a caller who hangs up during the ring time is abandoned and never answered", "[engine][hangup]") {
   EngineFixture f;
   f.start();
   f.incoming("c1", kMain);
   f.clock.advance(1000);
   f.engine->on_ended("c1", 0);
   f.clock.advance(5000);
   CHECK_FALSE(f.trunk.has("answer", "c1"));
   REQUIRE(f.ended("c1").size() == 1);
   CHECK(f.ended("c1")[0].reason == EndReason::abandoned);
   CHECK(f.ended("c1")[0].waiting_ms == 1000);
}

TEST_CASE("a caller who hangs up while being pushed also ends the attendant's leg", "[engine][hangup]") {
   EngineFixture f;
   f.start();
   REQUIRE(f.log_on("anna", "+4930501", {kMain}) == Outcome::ok);
   f.queued_call("c1");
   const std::string leg = f.leg_of("c1");
   f.engine->on_ended("c1", 0);
   CHECK(f.trunk.has("hangup", leg));
   CHECK(f.ended("c1").at(0).reason == EndReason::abandoned);
   const Attendant *anna = f.engine->find_attendant("anna");
   CHECK(f.engine->attendant_state(*anna) == AttendantState::available);
   // The RNA timer of the abandoned push must not fire into a later call.
   f.clock.advance(30000);
   CHECK(f.engine->attendant_state(*f.engine->find_attendant("anna")) == AttendantState::available);
   CHECK(f.engine->audit().empty());
}

TEST_CASE("an attendant's leg that ends while connected frees the attendant", "[engine][hangup]") {
   EngineFixture f;
   f.start();
   const std::string leg = f.connected_call("c1");
   f.engine->on_ended(leg, 200);
   CHECK(f.engine->attendant_state(*f.engine->find_attendant("anna")) == AttendantState::available);
   CHECK(f.trunk.has("hangup", "c1"));
   REQUIRE(f.ended("c1").size() == 1);
   CHECK(f.ended("c1")[0].reason == EndReason::answered);
   CHECK(f.ended("c1")[0].attendant == "anna");
   CHECK(f.engine->call_count() == 0);
}

TEST_CASE("a caller who hangs up while connected frees the attendant and ends the leg", "[engine][hangup]") {
   EngineFixture f;
   f.start();
   const std::string leg = f.connected_call("c1");
   f.engine->on_ended("c1", 200);
   CHECK(f.trunk.has("hangup", leg));
   CHECK(f.engine->attendant_state(*f.engine->find_attendant("anna")) == AttendantState::available);
   CHECK(f.ended("c1").at(0).reason == EndReason::answered);
}
