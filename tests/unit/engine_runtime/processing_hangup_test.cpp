// SPDX-License-Identifier: GPL-3.0-or-later
// Processing queue rule 7: hang-ups while held, transferred, parked or retrieved.
#include <catch2/catch.hpp>

#include "engine_fixture.h"

using namespace portier::engine;
using namespace portier::engine::test;

TEST_CASE("a caller hanging up during a transfer ends the target's leg too", "[engine][processing]") {
   EngineFixture f;
   f.start();
   f.connected_call("c1");
   REQUIRE(f.engine->transfer("anna", "c1", kTarget) == Outcome::ok);
   const std::string leg = f.last_leg();
   f.engine->on_ended("c1", 0);
   CHECK(f.trunk.has("hangup", leg));
   REQUIRE(f.ended("c1").size() == 1);
   CHECK(f.ended("c1")[0].reason == EndReason::answered);
   CHECK(f.ended("c1")[0].attendant == "anna");
   f.engine->on_answered(leg);  // too late: noted, nothing connects
   CHECK(f.trunk.of("connect", "c1").size() == 1);
   CHECK(f.engine->call_count() == 0);
   CHECK(f.engine->audit().empty());
}

TEST_CASE("a caller hanging up while parked frees the callback number", "[engine][processing]") {
   EngineFixture f;
   f.start();
   f.connected_call("c1");
   REQUIRE(f.engine->park("anna", "c1") == Outcome::ok);
   f.engine->on_ended("c1", 0);
   CHECK(f.engine->parked_on(kCallback0).empty());
   CHECK(f.ended("c1").at(0).reason == EndReason::answered);
   f.incoming("pickup-1", kCallback0);
   CHECK(f.trunk.of("reject", "pickup-1").at(0).status == 404);
   f.clock.advance(30000);  // the park time of a gone call does nothing
   CHECK(f.engine->audit().empty());
}

TEST_CASE("a caller hanging up while held leaves the processing queue", "[engine][processing]") {
   EngineFixture f;
   f.start();
   f.connected_call("c1");
   REQUIRE(f.engine->hold("anna", "c1") == Outcome::ok);
   f.engine->on_ended("c1", 0);
   CHECK(f.engine->processing_queue(kDefaultTenant).empty());
   CHECK(f.ended("c1").at(0).reason == EndReason::answered);
}

TEST_CASE("a caller hanging up during a retrieve ends the leg and frees the retrieving attendant",
          "[engine][processing]") {
   EngineFixture f;
   f.start();
   f.connected_call("c1");
   REQUIRE(f.engine->hold("anna", "c1") == Outcome::ok);
   REQUIRE(f.engine->retrieve("anna", "c1") == Outcome::ok);
   const std::string leg = f.leg_of("c1");
   f.engine->on_ended("c1", 0);
   CHECK(f.trunk.has("hangup", leg));
   CHECK(f.ended("c1").at(0).reason == EndReason::answered);
   CHECK(f.engine->attendant_state(*f.engine->find_attendant("anna")) == AttendantState::available);
   CHECK(f.engine->audit().empty());
}

TEST_CASE("a transfer target's leg ending while the caller waits never drops the caller", "[engine][processing]") {
   EngineFixture f;
   f.start();
   f.connected_call("c1");
   REQUIRE(f.engine->transfer("anna", "c1", kTarget) == Outcome::ok);
   const std::string leg = f.last_leg();
   f.engine->on_answered(leg);  // answered and connected: the call is handed over
   CHECK(f.ended("c1").at(0).reason == EndReason::transferred);

   f.connected_call("c2");
   REQUIRE(f.engine->transfer("anna", "c2", kTarget) == Outcome::ok);
   const std::string second = f.last_leg();
   for (const int status : {603, 404, 500}) {
      f.engine->on_ended(second, status);  // the first ends it; repeats are noted
   }
   CHECK(f.engine->find_call("c2") != nullptr);
   CHECK(!f.trunk.has("hangup", "c2"));
   CHECK(f.engine->processing_queue(kDefaultTenant).at(0).state == ProcessingState::transfer_failed);
   f.engine->on_ended(leg, 200);  // the first, finished transfer's target hangs up later: unknown now
   CHECK(f.engine->find_call("c2") != nullptr);
   CHECK(f.engine->audit().empty());
}
