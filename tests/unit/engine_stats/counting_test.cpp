// SPDX-License-Identifier: GPL-3.0-or-later
// What each call adds to the figures of its DDI entry and of the attendants it met.
#include <catch2/catch.hpp>

#include "stats_fixture.h"

using namespace portier::engine;
using namespace portier::engine::test;

TEST_CASE("a call an attendant answers is offered and answered at its DDI entry and at the attendant with its "
          "waiting time",
          "[engine-stats]") {
   StatsFixture f;
   f.start_counting();
   REQUIRE(f.log_on("anna", "+4930501", {kMain}) == Outcome::ok);
   f.queued_call("c1");  // rings 3 s, then pushed to anna
   f.clock.advance(2000);
   f.engine->on_answered(f.leg_of("c1"));
   f.clock.advance(60000);
   f.hang_up("c1");

   const ScopeFigures ddi = ddi_figures(f.stats, kMain);
   CHECK(ddi.counts.offered == 1);
   CHECK(ddi.counts.answered == 1);
   CHECK(ddi.counts.abandoned == 0);
   CHECK(ddi.answered_waiting.calls == 1);
   CHECK(ddi.answered_waiting.average_ms == 5000);
   CHECK(ddi.answered_waiting.p90_ms == 5000);
   CHECK(ddi.answered_waiting.average_ms == f.ended("c1").at(0).waiting_ms);
   const ScopeFigures anna = attendant_figures(f.stats, "anna");
   CHECK(anna.counts.offered == 1);
   CHECK(anna.counts.answered == 1);
   CHECK(anna.answered_waiting.average_ms == 5000);
   CHECK(f.stats.calls.empty());
}

TEST_CASE("a caller who hangs up while waiting is abandoned with the time since arrival", "[engine-stats]") {
   StatsFixture f;
   f.start_counting();
   f.queued_call("c1");
   f.clock.advance(7000);
   f.hang_up("c1");

   const ScopeFigures ddi = ddi_figures(f.stats, kMain);
   CHECK(ddi.counts.offered == 1);
   CHECK(ddi.counts.answered == 0);
   CHECK(ddi.counts.abandoned == 1);
   CHECK(ddi.abandoned_waiting.calls == 1);
   CHECK(ddi.abandoned_waiting.average_ms == 10000);
   CHECK(ddi.answered_waiting.calls == 0);
}

TEST_CASE("a caller who hangs up during the ring time is offered and abandoned although never queued",
          "[engine-stats]") {
   StatsFixture f;
   f.start_counting();
   f.incoming("c1", kMain);
   f.clock.advance(1500);
   f.hang_up("c1");

   const ScopeFigures ddi = ddi_figures(f.stats, kMain);
   CHECK(ddi.counts.offered == 1);
   CHECK(ddi.counts.abandoned == 1);
   CHECK(ddi.abandoned_waiting.average_ms == 1500);
}

TEST_CASE("a caller who hangs up while the call rings at an attendant is abandoned there too", "[engine-stats]") {
   StatsFixture f;
   f.start_counting();
   REQUIRE(f.log_on("anna", "+4930501", {kMain}) == Outcome::ok);
   f.queued_call("c1");
   f.clock.advance(4000);
   f.hang_up("c1");

   const ScopeFigures anna = attendant_figures(f.stats, "anna");
   CHECK(anna.counts.offered == 1);
   CHECK(anna.counts.answered == 0);
   CHECK(anna.counts.abandoned == 1);
   CHECK(anna.abandoned_waiting.average_ms == 7000);
   CHECK(ddi_figures(f.stats, kMain).counts.abandoned == 1);
}

TEST_CASE("a push nobody answers counts as offered at each attendant it rang and the call is answered once",
          "[engine-stats]") {
   StatsFixture f;
   f.start_counting();
   REQUIRE(f.log_on("anna", "+4930501", {kMain}) == Outcome::ok);
   f.queued_call("c1");      // t = 3 s, rings at anna
   f.clock.advance(20000);  // RNA: anna unavailable, the call waits again
   REQUIRE(f.log_on("bert", "+4930502", {kMain}) == Outcome::ok);
   f.clock.advance(1000);
   f.engine->on_answered(f.leg_of("c1"));  // bert at t = 24 s

   CHECK(attendant_figures(f.stats, "anna").counts.offered == 1);
   CHECK(attendant_figures(f.stats, "anna").counts.answered == 0);
   CHECK(attendant_figures(f.stats, "anna").counts.abandoned == 0);
   CHECK(attendant_figures(f.stats, "bert").counts.offered == 1);
   CHECK(attendant_figures(f.stats, "bert").counts.answered == 1);
   CHECK(attendant_figures(f.stats, "bert").answered_waiting.average_ms == 24000);
   const ScopeFigures ddi = ddi_figures(f.stats, kMain);
   CHECK(ddi.counts.offered == 1);
   CHECK(ddi.counts.answered == 1);
}

TEST_CASE("a call to an additional number counts for its DDI entry's pilot number", "[engine-stats]") {
   StatsFixture f;
   f.start_counting();
   f.queued_call("c1", kMainExtra);
   f.hang_up("c1");
   CHECK(ddi_figures(f.stats, kMain).counts.offered == 1);
   CHECK(ddi_figures(f.stats, kMainExtra).counts.offered == 0);
}

TEST_CASE("a call the time-overflow variant takes is offered and overflowed but not abandoned", "[engine-stats]") {
   StatsFixture f;
   f.data.tenants[0].time_overflow_variant = "overflow-announce";
   f.start_counting();
   f.queued_call("c1");
   f.clock.advance(120000);
   f.engine->on_media_done("c1", "sorry");
   REQUIRE(f.ended("c1").at(0).reason == EndReason::variant);

   const ScopeFigures ddi = ddi_figures(f.stats, kMain);
   CHECK(ddi.counts.offered == 1);
   CHECK(ddi.counts.overflowed == 1);
   CHECK(ddi.counts.abandoned == 0);
   CHECK(ddi.counts.answered == 0);
}

TEST_CASE("a call a night variant turns away at once is offered and overflowed", "[engine-stats]") {
   StatsFixture f;
   f.data.tenants[0].opening_hours = OpeningHours{};  // never open
   f.data.tenants[0].night_variant = "night-busy";
   f.start_counting();
   f.incoming("c1", kMain);
   REQUIRE(f.ended("c1").at(0).reason == EndReason::variant);

   const ScopeFigures ddi = ddi_figures(f.stats, kMain);
   CHECK(ddi.counts.offered == 1);
   CHECK(ddi.counts.overflowed == 1);
}

TEST_CASE("a call to a personal line counts under that line and not under a DDI entry", "[engine-stats]") {
   StatsFixture f;
   f.start_counting();
   REQUIRE(f.log_on("anna", "+4930501", {kMain}, "+4930601") == Outcome::ok);
   f.queued_call("c1", "+4930601");
   f.engine->on_answered(f.leg_of("c1"));

   const ScopeFigures line = figures_of(f.stats, StatsScope::personal_line, "+4930601");
   CHECK(line.counts.offered == 1);
   CHECK(line.counts.answered == 1);
   CHECK(ddi_figures(f.stats, kMain).counts.offered == 0);
   CHECK(attendant_figures(f.stats, "anna").counts.answered == 1);
}

TEST_CASE("a call to an unknown number is not counted anywhere", "[engine-stats]") {
   StatsFixture f;
   f.start_counting();
   f.incoming("c1", "+4930123456");
   REQUIRE(f.ended("c1").at(0).reason == EndReason::rejected);
   CHECK(f.stats.pending.empty());
   CHECK(f.stats.calls.empty());
}

TEST_CASE("a call the overload rule turns away is offered and rejected at its DDI entry", "[engine-stats]") {
   StatsFixture f;
   f.start_counting();
   for (int i = 1; i <= 6; ++i) f.incoming("c" + std::to_string(i), kMain);
   f.engine->on_channels(6, 10);  // ratio 3: 6 processing channels, all in use
   f.incoming("c7", kMain);
   REQUIRE(f.ended("c7").at(0).overload);

   const ScopeFigures ddi = ddi_figures(f.stats, kMain);
   CHECK(ddi.counts.offered == 1);  // c1..c6 still ring: offered once they are queued
   CHECK(ddi.counts.rejected == 1);
   CHECK(ddi.counts.abandoned == 0);
}

TEST_CASE("a connect the trunk refuses takes the answer back and only the connect that holds counts",
          "[engine-stats]") {
   StatsFixture f;
   f.start_counting();
   f.trunk.confirm = nullptr;  // connects are answered by the test
   REQUIRE(f.log_on("anna", "+4930501", {kMain}) == Outcome::ok);
   f.queued_call("c1");
   f.clock.advance(1000);
   const std::string first = f.leg_of("c1");
   f.engine->on_answered(first);
   f.engine->on_connect_failed("c1", first, 500);
   CHECK(ddi_figures(f.stats, kMain).counts.answered == 0);
   CHECK(ddi_figures(f.stats, kMain).answered_waiting.calls == 0);

   f.clock.advance(1000);
   const std::string second = f.leg_of("c1");
   REQUIRE(second != first);
   f.engine->on_answered(second);
   f.engine->on_connected("c1", second);
   const ScopeFigures ddi = ddi_figures(f.stats, kMain);
   CHECK(ddi.counts.answered == 1);
   CHECK(ddi.answered_waiting.calls == 1);
   CHECK(ddi.answered_waiting.average_ms == 5000);
   CHECK(attendant_figures(f.stats, "anna").counts.offered == 2);
   CHECK(attendant_figures(f.stats, "anna").counts.answered == 1);
}
