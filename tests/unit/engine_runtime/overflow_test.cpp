// SPDX-License-Identifier: GPL-3.0-or-later
// Rule 5: max time in incoming queue leads to the time-overflow variant.
#include <catch2/catch.hpp>

#include "engine_fixture.h"

using namespace portier::engine;
using namespace portier::engine::test;

TEST_CASE("a call still waiting after the max time in queue goes to the tenant's time-overflow variant",
          "[engine][overflow]") {
   EngineFixture f;
   f.data.tenants[0].time_overflow_variant = "overflow-announce";
   f.start();
   f.queued_call("c1");
   f.clock.advance(119999);
   CHECK(f.engine->find_call("c1")->phase == CallPhase::waiting);
   f.clock.advance(1);
   CHECK(f.engine->queue_order(kMain, false).empty());
   const auto plays = f.trunk.of("play", "c1");
   REQUIRE(plays.size() == 2);
   CHECK(plays[1].other == "sorry");
   CHECK_FALSE(plays[1].loop);
   f.engine->on_media_done("c1", "sorry");
   CHECK(f.trunk.has("hangup", "c1"));
   REQUIRE(f.ended("c1").size() == 1);
   CHECK(f.ended("c1")[0].reason == EndReason::variant);
   CHECK(f.ended("c1")[0].variant == "overflow-announce");
}

TEST_CASE("a DDI entry's time-overflow variant and queue time override the tenant's", "[engine][overflow]") {
   EngineFixture f;
   f.data.tenants[0].time_overflow_variant = "overflow-announce";
   f.data.ddi[0].time_overflow_variant = "overflow-forward";
   f.data.ddi[0].times.max_time_in_incoming_queue_ms = 5000;
   f.start();
   f.queued_call("c1");
   f.clock.advance(5000);
   const auto legs = f.trunk.legs_for("c1");
   REQUIRE(legs.size() == 1);
   CHECK(legs[0].other == "+4930888");
   f.engine->on_answered(legs[0].call_id);
   REQUIRE(f.trunk.of("connect", "c1").size() == 1);
   CHECK(f.ended("c1").at(0).reason == EndReason::variant);
}

TEST_CASE("without a time-overflow variant a call keeps waiting", "[engine][overflow]") {
   EngineFixture f;
   f.start();
   f.queued_call("c1");
   f.clock.advance(600000);
   CHECK(f.engine->find_call("c1")->phase == CallPhase::waiting);
   CHECK(f.trunk.of("hangup").empty());
}

TEST_CASE("a queue time that runs out during a push applies the variant when the push comes back",
          "[engine][overflow]") {
   EngineFixture f;
   f.data.tenants[0].time_overflow_variant = "overflow-announce";
   f.data.tenants[0].times.max_time_in_incoming_queue_ms = 10000;
   f.start();
   REQUIRE(f.log_on("anna", "+4930501", {kMain}) == Outcome::ok);
   f.queued_call("c1");
   f.clock.advance(15000);
   CHECK(f.engine->find_call("c1")->phase == CallPhase::offered);
   f.clock.advance(5000);  // RNA
   CHECK(f.engine->find_call("c1")->phase == CallPhase::variant);
   CHECK(f.trunk.of("play", "c1").back().other == "sorry");
}

TEST_CASE("a call an attendant answered is never overflowed", "[engine][overflow]") {
   EngineFixture f;
   f.data.tenants[0].time_overflow_variant = "overflow-announce";
   f.data.tenants[0].times.max_time_in_incoming_queue_ms = 10000;
   f.start();
   REQUIRE(f.log_on("anna", "+4930501", {kMain}) == Outcome::ok);
   f.queued_call("c1");
   f.engine->on_answered(f.leg_of("c1"));
   f.clock.advance(60000);
   CHECK(f.engine->find_call("c1")->phase == CallPhase::connected);
}

TEST_CASE("a busy time-overflow variant plays busy tone to the answered caller, then hangs up",
          "[engine][overflow]") {
   EngineFixture f;
   f.data.tenants[0].time_overflow_variant = "night-busy";
   f.start();
   f.queued_call("c1");
   f.clock.advance(120000);
   CHECK(f.trunk.of("reject", "c1").empty());
   CHECK(f.trunk.of("play", "c1").back().other == "busy");
   f.engine->on_media_done("c1", "busy");
   CHECK(f.trunk.has("hangup", "c1"));
   CHECK(f.ended("c1").at(0).reason == EndReason::variant);
}
