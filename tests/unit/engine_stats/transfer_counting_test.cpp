// SPDX-License-Identifier: GPL-3.0-or-later
// Transfers, returns from transfer and retrieves in the figures.
#include <catch2/catch.hpp>

#include "stats_fixture.h"

using namespace portier::engine;
using namespace portier::engine::test;

TEST_CASE("a supervised transfer the target answers counts as transferred at the DDI entry and the attendant",
          "[engine-stats]") {
   StatsFixture f;
   f.start_counting();
   f.connected_call("c1");
   REQUIRE(f.engine->transfer("anna", "c1", kTarget) == Outcome::ok);
   const std::string leg = f.last_leg();
   f.clock.advance(4000);
   f.engine->on_answered(leg);
   f.engine->on_connected("c1", leg);  // the trunk confirms the join where the engine waits for it
   REQUIRE(f.ended("c1").at(0).reason == EndReason::transferred);

   const ScopeFigures ddi = ddi_figures(f.stats, kMain);
   CHECK(ddi.counts.answered == 1);
   CHECK(ddi.counts.transferred == 1);
   CHECK(ddi.counts.returned_from_transfer == 0);
   CHECK(attendant_figures(f.stats, "anna").counts.transferred == 1);
}

TEST_CASE("a transfer the target does not take counts as returned from transfer each time the call comes back",
          "[engine-stats]") {
   StatsFixture f;
   f.data.ddi[0].times.max_transfer_time_ms = 10000;
   f.start_counting();
   f.connected_call("c1");
   REQUIRE(f.engine->transfer("anna", "c1", kTarget) == Outcome::ok);
   f.clock.advance(10000);  // no answer in the max transfer time
   REQUIRE(f.engine->processing_queue(kDefaultTenant).at(0).state == ProcessingState::transfer_failed);
   REQUIRE(f.engine->transfer("anna", "c1", "+4930778") == Outcome::ok);
   f.engine->on_ended(f.last_leg(), 486);  // busy

   const ScopeFigures ddi = ddi_figures(f.stats, kMain);
   CHECK(ddi.counts.returned_from_transfer == 2);
   CHECK(ddi.counts.transferred == 0);
   CHECK(attendant_figures(f.stats, "anna").counts.returned_from_transfer == 2);
}

TEST_CASE("a blind transfer that fails counts as returned from transfer when the call is back in its queue",
          "[engine-stats]") {
   StatsFixture f;
   f.start_counting();
   f.connected_call("c1");
   REQUIRE(f.engine->blind_transfer("anna", "c1", kTarget) == Outcome::ok);
   f.engine->on_ended(f.last_leg(), 486);
   REQUIRE(f.events_of<CallQueued>().back().returned);

   CHECK(ddi_figures(f.stats, kMain).counts.returned_from_transfer == 1);
   CHECK(attendant_figures(f.stats, "anna").counts.returned_from_transfer == 1);
   CHECK(ddi_figures(f.stats, kMain).counts.offered == 1);  // still one call
}

TEST_CASE("a held call another attendant retrieves stays answered once by the attendant who first took it",
          "[engine-stats]") {
   StatsFixture f;
   f.start_counting();
   f.connected_call("c1");
   REQUIRE(f.log_on("bert", "+4930502", {kMain}) == Outcome::ok);
   REQUIRE(f.engine->hold("anna", "c1") == Outcome::ok);
   f.clock.advance(5000);
   REQUIRE(f.engine->retrieve("bert", "c1") == Outcome::ok);
   f.engine->on_answered(f.leg_of("c1"));
   f.hang_up("c1");

   CHECK(ddi_figures(f.stats, kMain).counts.answered == 1);
   CHECK(ddi_figures(f.stats, kMain).answered_waiting.average_ms == 3000);
   CHECK(attendant_figures(f.stats, "anna").counts.answered == 1);
   CHECK(attendant_figures(f.stats, "bert").counts.offered == 1);
   CHECK(attendant_figures(f.stats, "bert").counts.answered == 0);
   CHECK(ddi_figures(f.stats, kMain).counts.abandoned == 0);
}

TEST_CASE("a parked call picked up at its callback number counts as transferred by the attendant who parked it",
          "[engine-stats]") {
   StatsFixture f;
   f.start_counting();
   f.connected_call("c1");
   REQUIRE(f.engine->park("anna", "c1") == Outcome::ok);
   f.incoming("pickup", kCallback0);
   REQUIRE(f.ended("c1").at(0).reason == EndReason::transferred);

   CHECK(ddi_figures(f.stats, kMain).counts.transferred == 1);
   CHECK(attendant_figures(f.stats, "anna").counts.transferred == 1);
   CHECK(ddi_figures(f.stats, kMain).counts.offered == 1);  // the dialling call is not the engine's
}
