// SPDX-License-Identifier: GPL-3.0-or-later
// Processing queue rule 6: the attendant's personal greeting before connect.
#include <catch2/catch.hpp>

#include "engine_fixture.h"

using namespace portier::engine;
using namespace portier::engine::test;

namespace {

void log_on_with_greeting(EngineFixture &f, const std::string &attendant, const std::string &device,
                          std::vector<std::string> pilots) {
   LogOn request;
   request.attendant = attendant;
   request.device = device;
   request.pilots = std::move(pilots);
   request.available = true;
   request.greeting = "greet-" + attendant;
   REQUIRE(f.engine->log_on(request) == Outcome::ok);
}

// anna (greeting "greet-anna") answers the push of c1 to kMain; returns her leg.
std::string answered_by_greeting_anna(EngineFixture &f) {
   log_on_with_greeting(f, "anna", "+4930501", {kMain});
   f.queued_call("c1");
   const std::string leg = f.leg_of("c1");
   f.engine->on_answered(leg);
   return leg;
}

}  // namespace

TEST_CASE("an attendant's greeting plays to caller and attendant, and they are connected when the attendant's "
          "side has heard it",
          "[engine][greeting]") {
   EngineFixture f;
   f.start();
   const std::string leg = answered_by_greeting_anna(f);
   const auto to_caller = f.trunk.of("play", "c1");
   REQUIRE(!to_caller.empty());
   CHECK(to_caller.back().other == "greet-anna");
   CHECK(!to_caller.back().loop);
   const auto to_attendant = f.trunk.of("play", leg);
   REQUIRE(to_attendant.size() == 1);
   CHECK(to_attendant[0].other == "greet-anna");
   CHECK(f.trunk.of("connect").empty());
   CHECK(f.engine->find_call("c1")->phase == CallPhase::greeting);
   CHECK(f.engine->attendant_state(*f.engine->find_attendant("anna")) == AttendantState::busy);

   f.engine->on_media_done("c1", "greet-anna");  // the caller's side: not what connects
   CHECK(f.trunk.of("connect").empty());
   f.clock.advance(2500);
   f.engine->on_media_done(leg, "greet-anna");
   REQUIRE(f.trunk.of("connect", "c1").size() == 1);
   CHECK(f.trunk.of("connect", "c1")[0].other == leg);
   CHECK(f.engine->find_call("c1")->phase == CallPhase::connected);
   REQUIRE(f.events_of<CallConnected>().size() == 1);
   f.engine->on_ended("c1", 200);
   CHECK(f.ended("c1").at(0).waiting_ms == 5500);  // ring 3 s, greeting 2.5 s
}

TEST_CASE("a greeting whose media done never comes connects after the guard time", "[engine][greeting]") {
   EngineFixture f;
   f.start();
   log_on_with_greeting(f, "anna", "+4930501", {kMain});
   f.queued_call("c1");
   f.engine->on_answered(f.leg_of("c1"));
   f.clock.advance(kGreetingGuardMs - 1);
   CHECK(f.trunk.of("connect").empty());
   f.clock.advance(1);
   CHECK(f.trunk.of("connect", "c1").size() == 1);
   CHECK(f.engine->find_call("c1")->phase == CallPhase::connected);
}

TEST_CASE("a call retrieved from the processing queue also hears the greeting first", "[engine][greeting]") {
   EngineFixture f;
   f.start();
   f.connected_call("c1");
   log_on_with_greeting(f, "bert", "+4930502", {});
   REQUIRE(f.engine->hold("anna", "c1") == Outcome::ok);
   REQUIRE(f.engine->retrieve("bert", "c1") == Outcome::ok);
   const std::string leg = f.leg_of("c1");
   f.engine->on_answered(leg);
   CHECK(f.trunk.of("play", leg).at(0).other == "greet-bert");
   CHECK(f.trunk.of("connect", "c1").size() == 1);  // anna's only
   f.engine->on_media_done(leg, "greet-bert");
   CHECK(f.trunk.of("connect", "c1").size() == 2);
   CHECK(f.events_of<CallConnected>().back().attendant == "bert");
}

TEST_CASE("a caller hanging up during the greeting ends the attendant's leg and frees the attendant",
          "[engine][greeting]") {
   EngineFixture f;
   f.start();
   const std::string leg = answered_by_greeting_anna(f);
   f.engine->on_ended("c1", 0);
   CHECK(f.trunk.has("hangup", leg));
   CHECK(f.ended("c1").at(0).reason == EndReason::abandoned);
   CHECK(f.engine->attendant_state(*f.engine->find_attendant("anna")) == AttendantState::available);
   f.clock.advance(kGreetingGuardMs);
   CHECK(f.trunk.of("connect").empty());
}

TEST_CASE("an attendant's leg ending during the greeting gives the call back to its queue", "[engine][greeting]") {
   EngineFixture f;
   f.start();
   const std::string leg = answered_by_greeting_anna(f);
   f.engine->on_ended(leg, 200);
   CHECK(f.engine->queue_order(kMain, false) == std::vector<std::string>{"c1"});
   CHECK(f.engine->audit().empty());
}
