// SPDX-License-Identifier: GPL-3.0-or-later
// Rule 1: DDI lookup, ring time, answer with music, the pilot's or the personal queue.
#include <catch2/catch.hpp>

#include "engine_fixture.h"

using namespace portier::engine;
using namespace portier::engine::test;

TEST_CASE("a call to a pilot number rings for the default ring time, then is answered with music and queued",
          "[engine][incoming]") {
   EngineFixture f;
   f.start();
   f.incoming("c1", kMain);
   CHECK(f.trunk.has("ring", "c1"));
   f.clock.advance(2999);
   CHECK_FALSE(f.trunk.has("answer", "c1"));
   CHECK(f.engine->queue_order(kMain, false).empty());

   f.clock.advance(1);
   CHECK(f.trunk.has("answer", "c1"));
   const auto music = f.trunk.of("play", "c1");
   REQUIRE(music.size() == 1);
   CHECK(music[0].other == "moh");
   CHECK(music[0].loop);
   CHECK(f.engine->queue_order(kMain, false) == std::vector<std::string>{"c1"});
   const auto queued = f.events_of<CallQueued>();
   REQUIRE(queued.size() == 1);
   CHECK(queued[0].queue == kMain);
   CHECK_FALSE(queued[0].personal);
}

TEST_CASE("a call to an additional number of a DDI entry waits in its pilot's queue", "[engine][incoming]") {
   EngineFixture f;
   f.start();
   f.queued_call("c1", kMainExtra);
   CHECK(f.engine->queue_order(kMain, false) == std::vector<std::string>{"c1"});
}

TEST_CASE("a call to an unknown number is rejected with 404", "[engine][incoming]") {
   EngineFixture f;
   f.start();
   f.incoming("c1", "+4930777");
   const auto rejects = f.trunk.of("reject", "c1");
   REQUIRE(rejects.size() == 1);
   CHECK(rejects[0].status == 404);
   CHECK_FALSE(f.trunk.has("ring", "c1"));
   CHECK(f.engine->call_count() == 0);
   REQUIRE(f.ended("c1").size() == 1);
   CHECK(f.ended("c1")[0].reason == EndReason::rejected);
}

TEST_CASE("a DDI entry's ring time overrides the tenant's", "[engine][incoming]") {
   EngineFixture f;
   f.start();
   f.incoming("c1", kInternal);
   f.clock.advance(999);
   CHECK_FALSE(f.trunk.has("answer", "c1"));
   f.clock.advance(1);
   CHECK(f.trunk.has("answer", "c1"));
}

TEST_CASE("a call to an attendant's personal line waits in that attendant's personal queue", "[engine][incoming]") {
   EngineFixture f;
   f.start();
   REQUIRE(f.log_on("anna", "+4930501", {kMain}, "+4930601", false) == Outcome::ok);
   f.queued_call("c1", "+4930601");
   CHECK(f.engine->queue_order("+4930601", true) == std::vector<std::string>{"c1"});
   CHECK(f.engine->queue_order(kMain, false).empty());
   const auto queued = f.events_of<CallQueued>();
   REQUIRE(queued.size() == 1);
   CHECK(queued[0].personal);
}

TEST_CASE("a personal line is unknown once its attendant has logged off", "[engine][incoming]") {
   EngineFixture f;
   f.start();
   REQUIRE(f.log_on("anna", "+4930501", {kMain}, "+4930601", false) == Outcome::ok);
   REQUIRE(f.engine->log_off("anna") == Outcome::ok);
   f.incoming("c1", "+4930601");
   REQUIRE(f.trunk.of("reject", "c1").size() == 1);
   CHECK(f.trunk.of("reject", "c1")[0].status == 404);
}

TEST_CASE("callers waiting on a personal line hear busy when its attendant logs off, none waits for nobody",
          "[engine][incoming]") {
   EngineFixture f;
   f.start();
   REQUIRE(f.log_on("anna", "+4930501", {kMain}, "+4930601", false) == Outcome::ok);
   f.queued_call("c1", "+4930601");
   REQUIRE(f.engine->log_off("anna") == Outcome::ok);
   CHECK(f.engine->queue_order("+4930601", true).empty());
   CHECK(f.trunk.has("play", "c1"));  // the busy tone, then the call ends
   CHECK(f.trunk.of("play", "c1").back().other == "busy");
   f.engine->on_media_done("c1", "busy");
   const auto ended = f.events_of<CallEnded>();
   REQUIRE(ended.size() == 1);
   CHECK(ended[0].reason == EndReason::variant);
   CHECK(f.engine->find_call("c1") == nullptr);
}

TEST_CASE("a log-on for a tenant that does not exist, or with another tenant's pilot, is refused",
          "[engine][incoming]") {
   EngineFixture f;
   f.start();
   LogOn request;
   request.attendant = "anna";
   request.device = "+4930501";
   request.tenant = "NOBODY";
   CHECK(f.engine->log_on(request) == Outcome::unknown_tenant);
   request.tenant = "PICK";
   request.pilots = {kMain};  // DEFAULT's number
   CHECK(f.engine->log_on(request) == Outcome::not_assigned);
   request.pilots = {"+4930999"};  // no DDI entry at all
   CHECK(f.engine->log_on(request) == Outcome::not_assigned);
   CHECK(f.engine->find_attendant("anna") == nullptr);
   request.pilots = {kPicked};
   CHECK(f.engine->log_on(request) == Outcome::ok);
}

TEST_CASE("waiting calls are ordered by their call type's priority, then by arrival", "[engine][incoming]") {
   EngineFixture f;
   f.start();
   f.incoming("main-1", kMain);
   f.clock.advance(500);
   f.incoming("main-2", kMain);
   f.clock.advance(5000);
   // Internal calls (priority 2) are more urgent than main ones (5) of the same tenant.
   REQUIRE(f.log_on("anna", "+4930501", {kMain, kInternal}, "", false) == Outcome::ok);
   f.queued_call("internal-1", kInternal);
   CHECK(f.engine->find_call("internal-1")->place.priority == 2);
   CHECK(f.engine->find_call("main-1")->place.priority == 5);
   CHECK(f.engine->queue_order(kMain, false) == std::vector<std::string>{"main-1", "main-2"});
}
