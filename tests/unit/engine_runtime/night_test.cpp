// SPDX-License-Identifier: GPL-3.0-or-later
// Rule 2: night variants outside opening hours. The clock starts Monday 2024-01-01 09:00.
#include <catch2/catch.hpp>

#include "engine_fixture.h"

using namespace portier::engine;
using namespace portier::engine::test;

namespace {

// Saturday 2024-01-06, 10:00: closed on a weekdays-only schedule.
EngineFixture &closed_on_saturday(EngineFixture &f, const std::string &night_variant) {
   f.data.tenants[0].opening_hours = weekdays_nine_to_five();
   f.data.tenants[0].night_variant = night_variant;
   f.clock.advance((5 * 24 * 60 + 60) * 60'000LL);
   f.start();
   return f;
}

}  // namespace

TEST_CASE("outside opening hours a busy night variant rejects with 486 before answering", "[engine][night]") {
   EngineFixture f;
   closed_on_saturday(f, "night-busy");
   f.incoming("c1", kMain);
   const auto rejects = f.trunk.of("reject", "c1");
   REQUIRE(rejects.size() == 1);
   CHECK(rejects[0].status == 486);
   CHECK_FALSE(f.trunk.has("ring", "c1"));
   CHECK_FALSE(f.trunk.has("answer", "c1"));
   REQUIRE(f.ended("c1").size() == 1);
   CHECK(f.ended("c1")[0].reason == EndReason::variant);
   CHECK(f.ended("c1")[0].variant == "night-busy");
   CHECK(f.engine->call_count() == 0);
}

TEST_CASE("an announcement night variant answers, plays it once and hangs up when it ends", "[engine][night]") {
   EngineFixture f;
   closed_on_saturday(f, "night-announce");
   f.incoming("c1", kMain);
   CHECK(f.trunk.has("answer", "c1"));
   const auto plays = f.trunk.of("play", "c1");
   REQUIRE(plays.size() == 1);
   CHECK(plays[0].other == "closed");
   CHECK_FALSE(plays[0].loop);
   CHECK_FALSE(f.trunk.has("hangup", "c1"));
   f.engine->on_media_done("c1", "moh");  // not the announcement: nothing happens
   CHECK_FALSE(f.trunk.has("hangup", "c1"));
   f.engine->on_media_done("c1", "closed");
   CHECK(f.trunk.has("hangup", "c1"));
   CHECK(f.ended("c1").at(0).variant == "night-announce");
}

TEST_CASE("a forwarding night variant connects the caller to the destination when it answers", "[engine][night]") {
   EngineFixture f;
   closed_on_saturday(f, "night-forward");
   f.incoming("c1", kMain, "+4989123");
   const auto legs = f.trunk.legs_for("c1");
   REQUIRE(legs.size() == 1);
   CHECK(legs[0].other == "+4930999");
   CHECK(legs[0].caller == "+4989123");
   CHECK(legs[0].charge_number == kMain);
   CHECK(f.trunk.of("connect").empty());
   f.engine->on_answered(legs[0].call_id);
   const auto connects = f.trunk.of("connect", "c1");
   REQUIRE(connects.size() == 1);
   CHECK(connects[0].other == legs[0].call_id);
   CHECK(f.ended("c1").at(0).reason == EndReason::variant);
}

TEST_CASE("a forwarding night variant whose leg fails plays the busy tone, then hangs up the caller",
          "[engine][night]") {
   EngineFixture f;
   closed_on_saturday(f, "night-forward");
   f.incoming("c1", kMain);
   const std::string leg = f.leg_of("c1");
   f.engine->on_ended(leg, 503);
   CHECK_FALSE(f.trunk.has("hangup", "c1"));
   CHECK(f.trunk.has("play", "c1"));
   CHECK(f.trunk.of("connect").empty());
   CHECK(f.engine->find_call("c1")->leg.empty());
   f.engine->on_ended(leg, 0);  // a late second ENDED of the old leg changes nothing
   CHECK(f.engine->call_count() == 1);
   f.engine->on_media_done("c1", std::string(kBusyTone));
   CHECK(f.trunk.has("hangup", "c1"));
   CHECK(f.ended("c1").at(0).reason == EndReason::variant);
   CHECK(f.engine->call_count() == 0);
}

TEST_CASE("inside opening hours the night variant does not apply", "[engine][night]") {
   EngineFixture f;
   f.data.tenants[0].opening_hours = weekdays_nine_to_five();
   f.data.tenants[0].night_variant = "night-busy";
   f.start();  // Monday 09:00
   f.queued_call("c1");
   CHECK(f.engine->find_call("c1")->phase == CallPhase::waiting);
   f.clock.advance(8 * 60 * 60'000LL);  // 17:03: closed, for new calls only
   f.incoming("c2", kMain);
   CHECK(f.trunk.of("reject", "c2").size() == 1);
   CHECK(f.engine->find_call("c1")->phase == CallPhase::waiting);
}

TEST_CASE("a DDI entry's opening hours and night variant override the tenant's", "[engine][night]") {
   EngineFixture f;
   f.data.tenants[0].opening_hours = weekdays_nine_to_five();
   f.data.tenants[0].night_variant = "night-busy";
   OpeningHours always;
   for (auto &day : always.weekly) day = {{0, 24 * 60}};
   f.data.ddi[0].opening_hours = always;  // kMain is open all the time
   f.data.ddi[1].night_variant = "night-announce";  // kInternal follows the tenant's hours
   f.clock.advance((5 * 24 * 60 + 60) * 60'000LL);
   f.start();
   f.incoming("main", kMain);
   CHECK(f.trunk.has("ring", "main"));
   f.incoming("internal", kInternal);
   CHECK(f.trunk.of("play", "internal").at(0).other == "closed");
}

TEST_CASE("a holiday exception closes the service on a weekday", "[engine][night]") {
   EngineFixture f;
   OpeningHours hours = weekdays_nine_to_five();
   hours.exceptions.push_back({{2024, 1, 1}, "New Year", {}});
   f.data.tenants[0].opening_hours = hours;
   f.data.tenants[0].night_variant = "night-busy";
   f.start();
   f.incoming("c1", kMain);
   CHECK(f.trunk.of("reject", "c1").size() == 1);
}

TEST_CASE("calls to a personal line are not subject to the night variant", "[engine][night]") {
   EngineFixture f;
   closed_on_saturday(f, "night-busy");
   REQUIRE(f.log_on("anna", "+4930501", {kMain}, "+4930601", false) == Outcome::ok);
   f.incoming("c1", "+4930601");
   CHECK(f.trunk.has("ring", "c1"));
}
