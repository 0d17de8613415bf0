// SPDX-License-Identifier: GPL-3.0-or-later
// Variants never keep a caller for ever: a clip whose MEDIA_DONE never comes is cut short by a
// guard, and a forwarding destination is called only for the max transfer time.
#include <catch2/catch.hpp>

#include "engine_fixture.h"

using namespace portier::engine;
using namespace portier::engine::test;

namespace {

// c1 waits in kMain's queue and overflows after 5 s to `variant`.
void overflowed(EngineFixture &f, const char *variant) {
   f.data.ddi[0].time_overflow_variant = variant;
   f.data.ddi[0].times.max_time_in_incoming_queue_ms = 5000;
   f.start();
   f.queued_call("c1");
   f.clock.advance(5000);
   REQUIRE(f.engine->find_call("c1")->phase == CallPhase::variant);
}

}  // namespace

TEST_CASE("an announcement variant whose media done never comes hangs up after the announcement guard",
          "[engine][variant]") {
   EngineFixture f;
   overflowed(f, "overflow-announce");
   REQUIRE(f.trunk.of("play", "c1").back().other == "sorry");
   f.clock.advance(kAnnouncementGuardMs - 1);
   CHECK(!f.trunk.has("hangup", "c1"));
   f.clock.advance(1);
   CHECK(f.trunk.has("hangup", "c1"));
   REQUIRE(f.ended("c1").size() == 1);
   CHECK(f.ended("c1")[0].reason == EndReason::variant);
   CHECK(f.ended("c1")[0].variant == "overflow-announce");
   CHECK(f.engine->call_count() == 0);
}

TEST_CASE("an announcement that finishes in time ends the call once, and the guard does nothing later",
          "[engine][variant]") {
   EngineFixture f;
   overflowed(f, "overflow-announce");
   f.engine->on_media_done("c1", "sorry");
   f.clock.advance(kAnnouncementGuardMs);
   CHECK(f.trunk.of("hangup", "c1").size() == 1);
   CHECK(f.ended("c1").size() == 1);
}

TEST_CASE("a busy variant for an answered caller hangs up after the busy-tone guard without media done",
          "[engine][variant]") {
   EngineFixture f;
   f.data.variants.push_back({"overflow-busy", VariantMode::busy, "", "", std::string(kDefaultTenant)});
   overflowed(f, "overflow-busy");
   REQUIRE(f.trunk.of("play", "c1").back().other == kBusyTone);
   f.clock.advance(kBusyToneGuardMs - 1);
   CHECK(!f.trunk.has("hangup", "c1"));
   f.clock.advance(1);
   CHECK(f.trunk.has("hangup", "c1"));
   CHECK(f.ended("c1").at(0).variant == "overflow-busy");
}

TEST_CASE("a forwarding destination that does not answer within the max transfer time is hung up and the caller "
          "hears the busy tone",
          "[engine][variant]") {
   EngineFixture f;
   f.data.ddi[0].times.max_transfer_time_ms = 20000;
   overflowed(f, "overflow-forward");
   const std::string leg = f.leg_of("c1");
   f.clock.advance(19999);
   CHECK(!f.trunk.has("hangup", leg));
   f.clock.advance(1);
   CHECK(f.trunk.has("hangup", leg));
   CHECK(f.trunk.of("play", "c1").back().other == kBusyTone);
   CHECK(f.ended("c1").empty());
   CHECK(f.engine->audit().empty());
   f.engine->on_answered(leg);  // too late: noted, not connected
   CHECK(f.trunk.of("connect").empty());
   f.engine->on_media_done("c1", kBusyTone);
   CHECK(f.trunk.has("hangup", "c1"));
   REQUIRE(f.ended("c1").size() == 1);
   CHECK(f.ended("c1")[0].reason == EndReason::variant);
   CHECK(f.ended("c1")[0].variant == "overflow-forward");
}

TEST_CASE("a forwarding that fails and whose busy tone never reports done still ends after the guard",
          "[engine][variant]") {
   EngineFixture f;
   overflowed(f, "overflow-forward");
   f.clock.advance(30000);  // the tenant's max transfer time
   f.clock.advance(kBusyToneGuardMs);
   CHECK(f.trunk.has("hangup", "c1"));
   CHECK(f.ended("c1").at(0).reason == EndReason::variant);
   CHECK(f.engine->call_count() == 0);
}

TEST_CASE("a caller hanging up while the forwarding destination rings ends the leg and the ring limit with it",
          "[engine][variant]") {
   EngineFixture f;
   overflowed(f, "overflow-forward");
   const std::string leg = f.leg_of("c1");
   f.engine->on_ended("c1", 0);
   CHECK(f.trunk.has("hangup", leg));
   f.clock.advance(30000);
   CHECK(f.trunk.of("play", "c1").back().other != kBusyTone);
   CHECK(f.ended("c1").size() == 1);
}
