// SPDX-License-Identifier: GPL-3.0-or-later
// Hand-over safety: the engine keeps a call until the trunk confirms a connect (CONNECTED); a
// connect that fails, is never confirmed, or whose other side ends first, never loses the caller.
#include <catch2/catch.hpp>

#include "engine_fixture.h"

using namespace portier::engine;
using namespace portier::engine::test;

namespace {

// c1 connected to anna (confirmed), then transferred to kTarget whose leg answers; the trunk has
// not confirmed the connect yet. Returns the target's leg.
std::string transfer_answered(EngineFixture &f, bool blind = false) {
   f.start();
   f.connected_call("c1");
   f.trunk.confirm = nullptr;
   REQUIRE((blind ? f.engine->blind_transfer("anna", "c1", kTarget) : f.engine->transfer("anna", "c1", kTarget)) ==
           Outcome::ok);
   const std::string leg = f.last_leg();
   f.engine->on_answered(leg);
   REQUIRE(f.trunk.of("connect", "c1").size() == 2);  // anna's, then the target's
   return leg;
}

// c1 parked by anna on kCallback0, and "d1" dialling it; not yet confirmed.
void pickup_pending(EngineFixture &f) {
   f.start();
   f.connected_call("c1");
   f.trunk.confirm = nullptr;
   REQUIRE(f.engine->park("anna", "c1") == Outcome::ok);
   f.incoming("d1", kCallback0, "+4930444");
   REQUIRE(f.trunk.has("answer", "d1"));
   REQUIRE(f.trunk.of("connect", "c1").back().other == "d1");
}

}  // namespace

TEST_CASE("a transferred call ends as transferred only when the trunk confirms the connect",
          "[engine][handover]") {
   EngineFixture f;
   const std::string leg = transfer_answered(f);
   CHECK(f.ended("c1").empty());
   CHECK(f.engine->find_call("c1")->processing->state == ProcessingState::transferring);
   CHECK(f.engine->audit().empty());
   f.engine->on_connected(leg, "c1");  // the trunk may name the two in either order
   REQUIRE(f.ended("c1").size() == 1);
   CHECK(f.ended("c1")[0].reason == EndReason::transferred);
   CHECK(f.ended("c1")[0].target == kTarget);
   CHECK(!f.trunk.has("hangup", leg));
   CHECK(f.engine->call_count() == 0);
   CHECK(f.engine->audit().empty());
}

TEST_CASE("a supervised transfer whose connect fails hangs up the target and waits as transfer_failed",
          "[engine][handover]") {
   EngineFixture f;
   const std::string leg = transfer_answered(f);
   f.engine->on_connect_failed("c1", leg, 503);
   CHECK(f.trunk.has("hangup", leg));
   CHECK(!f.trunk.has("hangup", "c1"));
   CHECK(f.ended("c1").empty());
   const auto queue = f.engine->processing_queue(kDefaultTenant);
   REQUIRE(queue.size() == 1);
   CHECK(queue[0].state == ProcessingState::transfer_failed);
   CHECK(queue[0].target == kTarget);
   CHECK(f.events_of<CallProcessing>().back().state == ProcessingState::transfer_failed);
   CHECK(f.trunk.of("play", "c1").back().other == kMusicOnHold);
   CHECK(f.engine->audit().empty());
   // A late confirmation of the failed connect changes nothing.
   f.engine->on_connected("c1", leg);
   CHECK(f.ended("c1").empty());
}

TEST_CASE("a transfer connect the trunk never confirms counts as failed after the hand-over guard",
          "[engine][handover]") {
   EngineFixture f;
   const std::string leg = transfer_answered(f);
   f.clock.advance(kHandoverGuardMs - 1);
   CHECK(!f.trunk.has("hangup", leg));
   f.clock.advance(1);
   CHECK(f.trunk.has("hangup", leg));
   CHECK(f.engine->processing_queue(kDefaultTenant).at(0).state == ProcessingState::transfer_failed);
   CHECK(f.engine->audit().empty());
}

TEST_CASE("a caller hanging up while the transfer is handed over ends the target's leg and the call",
          "[engine][handover]") {
   EngineFixture f;
   const std::string leg = transfer_answered(f);
   f.engine->on_ended("c1", 0);
   CHECK(f.trunk.has("hangup", leg));
   REQUIRE(f.ended("c1").size() == 1);
   CHECK(f.ended("c1")[0].reason == EndReason::answered);
   f.clock.advance(kHandoverGuardMs);
   CHECK(f.engine->call_count() == 0);
   CHECK(f.engine->audit().empty());
}

TEST_CASE("a target hanging up before the trunk confirms leaves the caller waiting as transfer_failed",
          "[engine][handover]") {
   EngineFixture f;
   const std::string leg = transfer_answered(f);
   f.engine->on_ended(leg, 200);
   CHECK(f.engine->processing_queue(kDefaultTenant).at(0).state == ProcessingState::transfer_failed);
   f.engine->on_connected("c1", leg);
   CHECK(f.ended("c1").empty());
   CHECK(f.engine->audit().empty());
}

TEST_CASE("a blind transfer whose connect fails is announced as transfer_failed and returns to its queue",
          "[engine][handover]") {
   EngineFixture f;
   const std::string leg = transfer_answered(f, true);
   REQUIRE(f.engine->set_available("anna", false) == Outcome::ok);  // so that c1 stays queued
   f.engine->on_connect_failed("c1", leg, 500);
   CHECK(f.trunk.has("hangup", leg));
   CHECK(f.events_of<CallProcessing>().back().state == ProcessingState::transfer_failed);
   CHECK(f.engine->queue_order(kMain, false) == std::vector<std::string>{"c1"});
   CHECK(f.events_of<CallQueued>().back().returned);
   CHECK(f.engine->audit().empty());
}

TEST_CASE("a failed blind transfer is announced to front ends and its max time in queue runs again",
          "[engine][handover]") {
   EngineFixture f;
   f.data.tenants[0].time_overflow_variant = "overflow-announce";
   f.start();
   f.connected_call("c1");
   REQUIRE(f.engine->blind_transfer("anna", "c1", kTarget) == Outcome::ok);
   REQUIRE(f.engine->set_available("anna", false) == Outcome::ok);
   f.engine->on_ended(f.last_leg(), 486);
   const CallProcessing failed = f.events_of<CallProcessing>().back();
   CHECK(failed.call_id == "c1");
   CHECK(failed.state == ProcessingState::transfer_failed);
   CHECK(failed.target == kTarget);
   CHECK(failed.attendant == "anna");
   CHECK(f.engine->find_call("c1")->phase == CallPhase::waiting);
   f.clock.advance(120000 - 1);  // the tenant's max time in incoming queue, from the return
   CHECK(f.engine->find_call("c1")->phase == CallPhase::waiting);
   f.clock.advance(1);
   CHECK(f.engine->find_call("c1")->phase == CallPhase::variant);
   CHECK(f.engine->find_call("c1")->variant->id == "overflow-announce");
   CHECK(f.engine->audit().empty());
}

TEST_CASE("a parked call picked up at its callback number ends only when the trunk confirms", "[engine][handover]") {
   EngineFixture f;
   pickup_pending(f);
   CHECK(f.ended("c1").empty());
   CHECK(f.engine->parked_on(kCallback0) == "c1");
   CHECK(f.engine->audit().empty());
   f.engine->on_connected("d1", "c1");
   REQUIRE(f.ended("c1").size() == 1);
   CHECK(f.ended("c1")[0].reason == EndReason::transferred);
   CHECK(f.ended("c1")[0].target == kCallback0);
   CHECK(f.engine->parked_on(kCallback0).empty());
   CHECK(f.engine->audit().empty());
}

TEST_CASE("a pick-up whose connect fails hangs up whoever dialled and parks the caller again on its number",
          "[engine][handover]") {
   EngineFixture f;
   pickup_pending(f);
   f.engine->on_connect_failed("c1", "d1", 503);
   CHECK(f.trunk.has("hangup", "d1"));
   CHECK(f.ended("c1").empty());
   CHECK(f.engine->parked_on(kCallback0) == "c1");
   CHECK(f.events_of<CallProcessing>().back().state == ProcessingState::parked);
   CHECK(f.engine->audit().empty());
   // Parked again for a full park time (the tenant's max transfer time, 30 s).
   f.clock.advance(29999);
   CHECK(f.engine->processing_queue(kDefaultTenant).at(0).state == ProcessingState::parked);
   f.clock.advance(1);
   CHECK(f.engine->processing_queue(kDefaultTenant).at(0).state == ProcessingState::park_expired);
   CHECK(f.engine->audit().empty());
}

TEST_CASE("whoever dialled the callback number hanging up before the connect is confirmed leaves the caller parked",
          "[engine][handover]") {
   EngineFixture f;
   pickup_pending(f);
   f.engine->on_ended("d1", 0);
   CHECK(f.ended("c1").empty());
   CHECK(f.engine->parked_on(kCallback0) == "c1");
   f.clock.advance(kHandoverGuardMs);
   CHECK(f.engine->parked_on(kCallback0) == "c1");
   CHECK(f.engine->audit().empty());
   // The number still works for the next one who dials it.
   f.trunk.confirm = [&f](const std::string &id, const std::string &other) { f.engine->on_connected(id, other); };
   f.incoming("d2", kCallback0);
   CHECK(f.ended("c1").at(0).reason == EndReason::transferred);
}

TEST_CASE("a second call to a callback number being picked up is refused busy", "[engine][handover]") {
   EngineFixture f;
   pickup_pending(f);
   f.incoming("d2", kCallback0);
   REQUIRE(f.trunk.of("reject", "d2").size() == 1);
   CHECK(f.trunk.of("reject", "d2")[0].status == kSipBusyHere);
   CHECK(f.trunk.of("connect", "c1").back().other == "d1");
   CHECK(f.engine->audit().empty());
}

TEST_CASE("a pick-up never confirmed parks the caller again after the hand-over guard", "[engine][handover]") {
   EngineFixture f;
   pickup_pending(f);
   f.clock.advance(kHandoverGuardMs);
   CHECK(f.trunk.has("hangup", "d1"));
   CHECK(f.engine->parked_on(kCallback0) == "c1");
   CHECK(f.engine->audit().empty());
}

TEST_CASE("an attendant acting on a call being picked up calls the pick-up off", "[engine][handover]") {
   EngineFixture f;
   pickup_pending(f);
   REQUIRE(f.log_on("bert", "+4930502", {kMain}, "", false) == Outcome::ok);
   REQUIRE(f.engine->retrieve("bert", "c1") == Outcome::ok);
   CHECK(f.trunk.has("hangup", "d1"));
   f.engine->on_connected("c1", "d1");  // too late: nothing happens
   CHECK(f.ended("c1").empty());
   CHECK(f.engine->find_call("c1")->phase == CallPhase::offered);
   CHECK(f.engine->audit().empty());
}

TEST_CASE("a connect to the attendant that fails returns the call to its queue and frees the attendant",
          "[engine][handover]") {
   EngineFixture f;
   f.start();
   f.trunk.confirm = nullptr;
   REQUIRE(f.log_on("anna", "+4930501", {kMain}) == Outcome::ok);
   f.queued_call("c1");
   const std::string leg = f.leg_of("c1");
   f.engine->on_answered(leg);
   CHECK(f.engine->find_call("c1")->phase == CallPhase::connected);
   REQUIRE(f.log_on("bert", "+4930502", {kMain}, "", false) == Outcome::ok);
   f.engine->on_connect_failed("c1", leg, 500);
   CHECK(f.trunk.has("hangup", leg));
   CHECK(!f.trunk.has("hangup", "c1"));
   CHECK(f.events_of<CallTakenBack>().back().call_id == "c1");
   CHECK(f.events_of<CallQueued>().back().returned);
   // anna stays available (the failure was not hers) and gets the call again at once.
   const Attendant *anna = f.engine->find_attendant("anna");
   CHECK(anna->available);
   CHECK(f.engine->find_call("c1")->phase == CallPhase::offered);
   CHECK(f.engine->find_call("c1")->taken_ms == -1);
   CHECK(f.leg_of("c1") != leg);
   CHECK(f.engine->audit().empty());
}

TEST_CASE("a connect to the attendant never confirmed returns the call after the hand-over guard",
          "[engine][handover]") {
   EngineFixture f;
   f.start();
   f.trunk.confirm = nullptr;
   REQUIRE(f.log_on("anna", "+4930501", {kMain}) == Outcome::ok);
   f.queued_call("c1");
   const std::string leg = f.leg_of("c1");
   f.engine->on_answered(leg);
   REQUIRE(f.engine->set_available("anna", false) == Outcome::ok);
   f.clock.advance(kHandoverGuardMs - 1);
   CHECK(f.engine->find_call("c1")->phase == CallPhase::connected);
   f.clock.advance(1);
   CHECK(f.trunk.has("hangup", leg));
   CHECK(f.engine->queue_order(kMain, false) == std::vector<std::string>{"c1"});
   CHECK(f.engine->find_attendant("anna")->call.empty());
   CHECK(f.engine->audit().empty());
}

TEST_CASE("a confirmed connect to the attendant is not undone by the hand-over guard", "[engine][handover]") {
   EngineFixture f;
   f.start();
   const std::string leg = f.connected_call("c1");
   f.clock.advance(kHandoverGuardMs * 3);
   CHECK(f.engine->find_call("c1")->phase == CallPhase::connected);
   CHECK(!f.trunk.has("hangup", leg));
   CHECK(f.engine->audit().empty());
}

TEST_CASE("a retrieved call whose connect fails goes back to the processing queue as it was",
          "[engine][handover]") {
   EngineFixture f;
   f.start();
   f.connected_call("c1");
   REQUIRE(f.engine->hold("anna", "c1") == Outcome::ok);
   f.trunk.confirm = nullptr;
   REQUIRE(f.engine->retrieve("anna", "c1") == Outcome::ok);
   const std::string leg = f.leg_of("c1");
   f.engine->on_answered(leg);
   f.engine->on_connect_failed(leg, "c1", 503);
   CHECK(f.trunk.has("hangup", leg));
   const auto queue = f.engine->processing_queue(kDefaultTenant);
   REQUIRE(queue.size() == 1);
   CHECK(queue[0].state == ProcessingState::held);
   CHECK(f.engine->queue_order(kMain, false).empty());
   CHECK(f.engine->find_attendant("anna")->call.empty());
   CHECK(f.engine->audit().empty());
}

TEST_CASE("holding a call whose attendant connect is not yet confirmed calls the hand-over off",
          "[engine][handover]") {
   EngineFixture f;
   f.start();
   f.trunk.confirm = nullptr;
   REQUIRE(f.log_on("anna", "+4930501", {kMain}) == Outcome::ok);
   f.queued_call("c1");
   f.engine->on_answered(f.leg_of("c1"));
   REQUIRE(f.engine->hold("anna", "c1") == Outcome::ok);
   f.clock.advance(kHandoverGuardMs);
   CHECK(f.engine->processing_queue(kDefaultTenant).at(0).state == ProcessingState::held);
   CHECK(f.events_of<CallTakenBack>().empty());
   CHECK(f.engine->audit().empty());
}

TEST_CASE("a forwarding variant ends only when the trunk confirms the connect", "[engine][handover]") {
   EngineFixture f;
   f.data.ddi[0].time_overflow_variant = "overflow-forward";
   f.data.ddi[0].times.max_time_in_incoming_queue_ms = 5000;
   f.start();
   f.trunk.confirm = nullptr;
   f.queued_call("c1");
   f.clock.advance(5000);
   const std::string leg = f.leg_of("c1");
   f.engine->on_answered(leg);
   REQUIRE(f.trunk.of("connect", "c1").size() == 1);
   CHECK(f.ended("c1").empty());
   f.engine->on_connected("c1", leg);
   REQUIRE(f.ended("c1").size() == 1);
   CHECK(f.ended("c1")[0].reason == EndReason::variant);
   CHECK(f.ended("c1")[0].variant == "overflow-forward");
   CHECK(f.engine->audit().empty());
}

TEST_CASE("a forwarding whose connect fails plays the busy tone to the caller, then ends as variant",
          "[engine][handover]") {
   EngineFixture f;
   f.data.ddi[0].time_overflow_variant = "overflow-forward";
   f.data.ddi[0].times.max_time_in_incoming_queue_ms = 5000;
   f.start();
   f.trunk.confirm = nullptr;
   f.queued_call("c1");
   f.clock.advance(5000);
   const std::string leg = f.leg_of("c1");
   f.engine->on_answered(leg);
   f.engine->on_connect_failed("c1", leg, 503);
   CHECK(f.trunk.has("hangup", leg));
   CHECK(!f.trunk.has("hangup", "c1"));
   REQUIRE(f.trunk.of("play", "c1").back().other == kBusyTone);
   CHECK(f.ended("c1").empty());
   CHECK(f.engine->audit().empty());
   f.engine->on_media_done("c1", kBusyTone);
   CHECK(f.trunk.has("hangup", "c1"));
   CHECK(f.ended("c1").at(0).reason == EndReason::variant);
}
