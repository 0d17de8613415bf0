// SPDX-License-Identifier: GPL-3.0-or-later
// Processing queue rules 1-2: hold, the tenant-wide processing queue, and retrieve.
#include <catch2/catch.hpp>

#include "engine_fixture.h"

using namespace portier::engine;
using namespace portier::engine::test;

TEST_CASE("a held call waits in the tenant's processing queue with music and its attendant is free",
          "[engine][processing]") {
   EngineFixture f;
   f.start();
   const std::string leg = f.connected_call("c1");
   f.queued_call("c2");  // anna is busy: c2 waits
   CHECK(f.trunk.legs_for("c2").empty());

   REQUIRE(f.engine->hold("anna", "c1") == Outcome::ok);
   CHECK(f.trunk.has("hangup", leg));
   const auto music = f.trunk.of("play", "c1");
   REQUIRE(!music.empty());
   CHECK(music.back().other == "moh");
   CHECK(music.back().loop);
   CHECK(!f.trunk.has("hangup", "c1"));
   CHECK(f.engine->find_call("c1")->phase == CallPhase::processing);

   const auto queue = f.engine->processing_queue(kDefaultTenant);
   REQUIRE(queue.size() == 1);
   CHECK(queue[0].call_id == "c1");
   CHECK(queue[0].state == ProcessingState::held);
   CHECK(queue[0].attendant == "anna");
   REQUIRE(f.events_of<CallProcessing>().size() == 1);
   CHECK(f.events_of<CallProcessing>()[0].state == ProcessingState::held);

   // Free again, anna gets the waiting call; the held one is not pushed.
   CHECK(f.trunk.legs_for("c2").size() == 1);
   CHECK(f.engine->find_call("c1")->phase == CallPhase::processing);
   CHECK(f.engine->audit().empty());
}

TEST_CASE("any attendant of the tenant retrieves a held call: a leg to their device, connected on answer",
          "[engine][processing]") {
   EngineFixture f;
   f.start();
   f.connected_call("c1");
   REQUIRE(f.log_on("bert", "+4930502", {kInternal}) == Outcome::ok);  // not even assigned to kMain
   REQUIRE(f.engine->hold("anna", "c1") == Outcome::ok);
   f.clock.advance(5000);

   REQUIRE(f.engine->retrieve("bert", "c1") == Outcome::ok);
   const std::string leg = f.leg_of("c1");
   const auto placed = f.trunk.legs_for("c1").back();
   CHECK(placed.other == "+4930502");
   CHECK(placed.charge_number == kMain);
   CHECK(f.engine->processing_queue(kDefaultTenant).empty());
   CHECK(f.engine->attendant_state(*f.engine->find_attendant("bert")) == AttendantState::offered);

   f.engine->on_answered(leg);
   const auto connects = f.trunk.of("connect", "c1");
   REQUIRE(connects.size() == 2);  // anna first, now bert
   CHECK(connects.back().other == leg);
   CHECK(f.events_of<CallConnected>().back().attendant == "bert");
   CHECK(!f.engine->find_call("c1")->processing);

   f.engine->on_ended("c1", 200);
   REQUIRE(f.ended("c1").size() == 1);
   CHECK(f.ended("c1")[0].reason == EndReason::answered);
   CHECK(f.ended("c1")[0].attendant == "bert");
   CHECK(f.ended("c1")[0].waiting_ms == 3000);  // until anna, the first attendant, answered
}

TEST_CASE("a retrieve nobody answers returns the call to the processing queue, not to the pilot's queue",
          "[engine][processing]") {
   EngineFixture f;
   f.start();
   f.connected_call("c1");
   REQUIRE(f.engine->hold("anna", "c1") == Outcome::ok);
   REQUIRE(f.engine->set_available("anna", false) == Outcome::ok);
   REQUIRE(f.log_on("bert", "+4930502", {}) == Outcome::ok);
   REQUIRE(f.engine->retrieve("bert", "c1") == Outcome::ok);
   const std::string leg = f.leg_of("c1");
   f.clock.advance(20000);  // the RNA timeout
   CHECK(f.trunk.has("hangup", leg));
   CHECK(f.engine->queue_order(kMain, false).empty());
   const auto queue = f.engine->processing_queue(kDefaultTenant);
   REQUIRE(queue.size() == 1);
   CHECK(queue[0].state == ProcessingState::held);
   // bert asked for it: still available, and free.
   CHECK(f.engine->attendant_state(*f.engine->find_attendant("bert")) == AttendantState::available);
   CHECK(f.engine->audit().empty());
}

TEST_CASE("the processing queue belongs to the tenant: another tenant neither sees nor retrieves its calls",
          "[engine][processing]") {
   EngineFixture f;
   f.start();
   f.connected_call("c1");
   REQUIRE(f.engine->hold("anna", "c1") == Outcome::ok);
   LogOn other;
   other.attendant = "pia";
   other.tenant = "PICK";
   other.device = "+4930509";
   REQUIRE(f.engine->log_on(other) == Outcome::ok);
   CHECK(f.engine->processing_queue("PICK").empty());
   CHECK(f.engine->retrieve("pia", "c1") == Outcome::not_assigned);
   CHECK(f.engine->transfer("pia", "c1", kTarget) == Outcome::not_assigned);
   CHECK(f.engine->processing_queue(kDefaultTenant).size() == 1);
}

TEST_CASE("hold needs the attendant's own connected call and retrieve a call in the processing queue",
          "[engine][processing]") {
   EngineFixture f;
   f.start();
   REQUIRE(f.log_on("bert", "+4930502", {}) == Outcome::ok);
   f.connected_call("c1");
   f.queued_call("c2");  // waits: anna is busy, bert serves no pilot
   CHECK(f.engine->hold("bert", "c1") == Outcome::not_connected);
   CHECK(f.engine->hold("anna", "c2") == Outcome::not_connected);
   CHECK(f.engine->hold("anna", "nope") == Outcome::unknown_call);
   CHECK(f.engine->hold("nobody", "c1") == Outcome::unknown_attendant);
   CHECK(f.engine->retrieve("bert", "c1") == Outcome::not_processing);
   CHECK(f.engine->retrieve("bert", "c2") == Outcome::not_processing);
   REQUIRE(f.engine->hold("anna", "c1") == Outcome::ok);
   CHECK(f.engine->hold("anna", "c1") == Outcome::not_connected);  // already there
   // anna took c2 meanwhile (automatic distribution): she cannot retrieve as well.
   REQUIRE(!f.leg_of("c2").empty());
   CHECK(f.engine->retrieve("anna", "c1") == Outcome::attendant_busy);
   CHECK(f.engine->find_call("c1")->phase == CallPhase::processing);
}
