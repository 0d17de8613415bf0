// SPDX-License-Identifier: GPL-3.0-or-later
// Processing queue rules 3-4: supervised and blind transfer.
#include <catch2/catch.hpp>

#include "engine_fixture.h"

using namespace portier::engine;
using namespace portier::engine::test;

TEST_CASE("a supervised transfer calls the target on a new leg charged to the pilot while the caller hears music",
          "[engine][transfer]") {
   EngineFixture f;
   f.start();
   const std::string attendant_leg = f.connected_call("c1");
   REQUIRE(f.engine->transfer("anna", "c1", kTarget) == Outcome::ok);
   CHECK(f.trunk.has("hangup", attendant_leg));
   const std::string leg = f.last_leg();
   CHECK(leg != attendant_leg);
   const auto placed = f.trunk.of("place_call", leg);
   REQUIRE(placed.size() == 1);
   CHECK(placed[0].other == kTarget);
   CHECK(placed[0].caller == kCaller);
   CHECK(placed[0].charge_number == kMain);
   CHECK(placed[0].for_call_id.empty());  // the caller keeps the music, no ringback
   CHECK(f.trunk.of("play", "c1").back().other == "moh");
   CHECK(f.trunk.of("connect", "c1").size() == 1);  // only anna's, so far
   const auto queue = f.engine->processing_queue(kDefaultTenant);
   REQUIRE(queue.size() == 1);
   CHECK(queue[0].state == ProcessingState::transferring);
   CHECK(queue[0].target == kTarget);
   CHECK(queue[0].attendant == "anna");
   CHECK(f.engine->attendant_state(*f.engine->find_attendant("anna")) == AttendantState::available);
}

TEST_CASE("when the transfer target answers, caller and target are connected and the call ends as transferred",
          "[engine][transfer]") {
   EngineFixture f;
   f.start();
   f.connected_call("c1");
   REQUIRE(f.engine->transfer("anna", "c1", kTarget) == Outcome::ok);
   const std::string leg = f.last_leg();
   f.clock.advance(4000);
   f.engine->on_answered(leg);
   const auto connects = f.trunk.of("connect", "c1");
   REQUIRE(connects.size() == 2);
   CHECK(connects.back().other == leg);
   REQUIRE(f.ended("c1").size() == 1);
   CHECK(f.ended("c1")[0].reason == EndReason::transferred);
   CHECK(f.ended("c1")[0].attendant == "anna");
   CHECK(f.ended("c1")[0].target == kTarget);
   CHECK(f.engine->call_count() == 0);
   CHECK(!f.trunk.has("hangup", leg));
   CHECK(!f.trunk.has("hangup", "c1"));
}

TEST_CASE("a target that does not answer within the DDI's max transfer time is hung up and the call waits as "
          "transfer failed",
          "[engine][transfer]") {
   EngineFixture f;
   f.data.ddi[0].times.max_transfer_time_ms = 10000;
   f.start();
   f.connected_call("c1");
   REQUIRE(f.engine->transfer("anna", "c1", kTarget) == Outcome::ok);
   const std::string leg = f.last_leg();
   f.clock.advance(9999);
   CHECK(!f.trunk.has("hangup", leg));
   f.clock.advance(1);
   CHECK(f.trunk.has("hangup", leg));
   CHECK(!f.trunk.has("hangup", "c1"));
   const auto queue = f.engine->processing_queue(kDefaultTenant);
   REQUIRE(queue.size() == 1);
   CHECK(queue[0].state == ProcessingState::transfer_failed);
   CHECK(queue[0].target == kTarget);
   // A late answer of the abandoned leg connects nothing.
   f.engine->on_answered(leg);
   CHECK(f.trunk.of("connect", "c1").size() == 1);
   CHECK(f.engine->audit().empty());
}

TEST_CASE("without a DDI override the tenant's max transfer time applies", "[engine][transfer]") {
   EngineFixture f;
   f.data.tenants[0].times.max_transfer_time_ms = 15000;
   f.start();
   f.connected_call("c1");
   REQUIRE(f.engine->transfer("anna", "c1", kTarget) == Outcome::ok);
   f.clock.advance(14999);
   CHECK(f.engine->processing_queue(kDefaultTenant).at(0).state == ProcessingState::transferring);
   f.clock.advance(1);
   CHECK(f.engine->processing_queue(kDefaultTenant).at(0).state == ProcessingState::transfer_failed);
}

TEST_CASE("a busy transfer target returns the call to the processing queue at once", "[engine][transfer]") {
   EngineFixture f;
   f.start();
   f.connected_call("c1");
   REQUIRE(f.engine->transfer("anna", "c1", kTarget) == Outcome::ok);
   f.engine->on_ended(f.last_leg(), 486);
   const auto queue = f.engine->processing_queue(kDefaultTenant);
   REQUIRE(queue.size() == 1);
   CHECK(queue[0].state == ProcessingState::transfer_failed);
   CHECK(f.engine->find_call("c1") != nullptr);
   CHECK(!f.trunk.has("hangup", "c1"));
   CHECK(f.engine->audit().empty());
}

TEST_CASE("after a failed transfer any attendant of the tenant can try again or call another target",
          "[engine][transfer]") {
   EngineFixture f;
   f.start();
   f.connected_call("c1");
   REQUIRE(f.log_on("bert", "+4930502", {}) == Outcome::ok);
   REQUIRE(f.engine->transfer("anna", "c1", kTarget) == Outcome::ok);
   f.engine->on_ended(f.last_leg(), 486);
   REQUIRE(f.engine->transfer("bert", "c1", kTarget) == Outcome::ok);  // try again
   const std::string again = f.last_leg();
   f.engine->on_ended(again, 486);
   REQUIRE(f.engine->transfer("bert", "c1", "+4930778") == Outcome::ok);  // another target
   const std::string other = f.last_leg();
   CHECK(other != again);
   CHECK(f.trunk.of("place_call", other).at(0).other == "+4930778");
   CHECK(f.engine->processing_queue(kDefaultTenant).at(0).attendant == "bert");
   f.engine->on_answered(other);
   REQUIRE(f.ended("c1").size() == 1);
   CHECK(f.ended("c1")[0].reason == EndReason::transferred);
   CHECK(f.ended("c1")[0].attendant == "bert");
   CHECK(f.ended("c1")[0].target == "+4930778");
}

TEST_CASE("a new transfer while the target still rings stops calling the old target", "[engine][transfer]") {
   EngineFixture f;
   f.start();
   f.connected_call("c1");
   REQUIRE(f.engine->transfer("anna", "c1", kTarget) == Outcome::ok);
   const std::string first = f.last_leg();
   REQUIRE(f.engine->transfer("anna", "c1", "+4930778") == Outcome::ok);
   CHECK(f.trunk.has("hangup", first));
   f.engine->on_answered(first);  // too late: nothing happens
   CHECK(f.engine->find_call("c1") != nullptr);
   CHECK(f.engine->audit().empty());
}

TEST_CASE("a transfer needs a target", "[engine][transfer]") {
   EngineFixture f;
   f.start();
   f.connected_call("c1");
   CHECK(f.engine->transfer("anna", "c1", "") == Outcome::invalid);
   CHECK(f.engine->blind_transfer("anna", "c1", "") == Outcome::invalid);
   CHECK(f.engine->find_call("c1")->phase == CallPhase::connected);
}

TEST_CASE("a blind transfer frees the attendant at once and a busy target sends the call back to its old place "
          "in the pilot's queue",
          "[engine][transfer]") {
   EngineFixture f;
   f.start();
   f.connected_call("c1");
   f.clock.advance(1000);
   f.queued_call("c2");  // waits: anna is busy
   REQUIRE(f.engine->blind_transfer("anna", "c1", kTarget) == Outcome::ok);
   const std::string target_leg = f.trunk.of("place_call").at(1).call_id;
   CHECK(f.trunk.of("place_call", target_leg).at(0).other == kTarget);
   REQUIRE(f.trunk.legs_for("c2").size() == 1);  // anna is free at once and gets c2
   f.engine->on_answered(f.leg_of("c2"));
   f.queued_call("c3");  // waits behind anna's c2
   CHECK(f.engine->queue_order(kMain, false) == std::vector<std::string>{"c3"});

   f.engine->on_ended(target_leg, 486);
   CHECK(f.engine->processing_queue(kDefaultTenant).empty());
   CHECK(f.engine->queue_order(kMain, false) == std::vector<std::string>{"c1", "c3"});
   const auto queued = f.events_of<CallQueued>();
   CHECK(queued.back().call_id == "c1");
   CHECK(queued.back().returned);
   CHECK(f.engine->audit().empty());
}

TEST_CASE("a blind transfer nobody answers goes back to the pilot's queue and to the next free attendant",
          "[engine][transfer]") {
   EngineFixture f;
   f.start();
   f.connected_call("c1");
   REQUIRE(f.engine->blind_transfer("anna", "c1", kTarget) == Outcome::ok);
   const std::string target_leg = f.last_leg();
   REQUIRE(f.engine->set_available("anna", false) == Outcome::ok);
   f.clock.advance(30000);  // the tenant's max transfer time
   CHECK(f.trunk.has("hangup", target_leg));
   CHECK(f.engine->queue_order(kMain, false) == std::vector<std::string>{"c1"});
   REQUIRE(f.engine->set_available("anna", true) == Outcome::ok);
   CHECK(f.leg_of("c1") != target_leg);
   CHECK(f.engine->find_call("c1")->phase == CallPhase::offered);
}
