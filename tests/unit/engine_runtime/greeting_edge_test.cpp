// SPDX-License-Identifier: GPL-3.0-or-later
// The personal greeting's edge cases: the attendant changing state, the caller or the attendant's
// leg ending, and the connect after it failing. The caller is never lost and the state stays
// consistent.
#include <catch2/catch.hpp>

#include "engine_fixture.h"

using namespace portier::engine;
using namespace portier::engine::test;

namespace {

// anna (greeting "greet-anna") answers c1's push; the greeting plays. Returns anna's leg.
std::string greeting_plays(EngineFixture &f) {
   f.start();
   LogOn request;
   request.attendant = "anna";
   request.device = "+4930501";
   request.pilots = {kMain};
   request.available = true;
   request.greeting = "greet-anna";
   REQUIRE(f.engine->log_on(request) == Outcome::ok);
   f.queued_call("c1");
   const std::string leg = f.leg_of("c1");
   f.engine->on_answered(leg);
   REQUIRE(f.engine->find_call("c1")->phase == CallPhase::greeting);
   return leg;
}

}  // namespace

TEST_CASE("an attendant turning unavailable during the greeting still gets the call, and no push after it",
          "[engine][greeting]") {
   EngineFixture f;
   const std::string leg = greeting_plays(f);
   REQUIRE(f.engine->set_available("anna", false) == Outcome::ok);
   CHECK(f.engine->find_call("c1")->phase == CallPhase::greeting);
   CHECK(f.engine->attendant_state(*f.engine->find_attendant("anna")) == AttendantState::busy);
   CHECK(f.engine->audit().empty());
   f.engine->on_media_done(leg, "greet-anna");
   CHECK(f.engine->find_call("c1")->phase == CallPhase::connected);
   f.queued_call("c2");
   f.engine->on_ended("c1", 200);
   CHECK(f.engine->attendant_state(*f.engine->find_attendant("anna")) == AttendantState::unavailable);
   CHECK(f.engine->find_call("c2")->phase == CallPhase::waiting);
   CHECK(f.engine->audit().empty());
}

TEST_CASE("an attendant cannot log off during the greeting", "[engine][greeting]") {
   EngineFixture f;
   greeting_plays(f);
   CHECK(f.engine->log_off("anna") == Outcome::attendant_busy);
   CHECK(f.engine->find_call("c1")->phase == CallPhase::greeting);
   CHECK(f.engine->audit().empty());
}

TEST_CASE("a caller hanging up during the greeting leaves nothing behind, and the guard connects nothing later",
          "[engine][greeting]") {
   EngineFixture f;
   const std::string leg = greeting_plays(f);
   f.engine->on_ended("c1", 0);
   CHECK(f.trunk.has("hangup", leg));
   CHECK(f.engine->call_count() == 0);
   CHECK(f.engine->find_attendant("anna")->call.empty());
   f.engine->on_media_done(leg, "greet-anna");  // late: the leg is gone
   f.clock.advance(kGreetingGuardMs);
   CHECK(f.trunk.of("connect").empty());
   CHECK(f.engine->audit().empty());
}

TEST_CASE("the attendant's leg ending during the greeting puts the caller back in the queue with music, "
          "and the guard connects nothing later",
          "[engine][greeting]") {
   EngineFixture f;
   const std::string leg = greeting_plays(f);
   f.engine->on_ended(leg, 200);
   CHECK(f.engine->queue_order(kMain, false) == std::vector<std::string>{"c1"});
   CHECK(f.trunk.of("play", "c1").back().other == kMusicOnHold);
   CHECK(f.engine->attendant_state(*f.engine->find_attendant("anna")) == AttendantState::unavailable);
   f.clock.advance(kGreetingGuardMs);
   CHECK(f.trunk.of("connect").empty());
   CHECK(f.engine->find_call("c1")->phase == CallPhase::waiting);
   CHECK(f.engine->audit().empty());
}

TEST_CASE("a connect after the greeting that fails returns the caller to the queue with music",
          "[engine][greeting]") {
   EngineFixture f;
   const std::string leg = greeting_plays(f);
   f.trunk.confirm = nullptr;
   REQUIRE(f.engine->set_available("anna", false) == Outcome::ok);
   f.engine->on_media_done(leg, "greet-anna");
   REQUIRE(f.trunk.of("connect", "c1").size() == 1);
   f.engine->on_connect_failed("c1", leg, 503);
   CHECK(f.trunk.has("hangup", leg));
   CHECK(f.engine->queue_order(kMain, false) == std::vector<std::string>{"c1"});
   CHECK(f.trunk.of("play", "c1").back().other == kMusicOnHold);
   CHECK(f.engine->find_attendant("anna")->call.empty());
   CHECK(f.engine->audit().empty());
}
