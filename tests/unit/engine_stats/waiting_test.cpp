// SPDX-License-Identifier: GPL-3.0-or-later
// Average and 90th percentile of waiting times: exact, from every waiting time kept.
#include <catch2/catch.hpp>

#include <string>

#include "stats_fixture.h"

using namespace portier::engine;
using namespace portier::engine::test;

TEST_CASE("the 90th percentile is the nearest rank so at least 90 % of the calls waited no longer",
          "[engine-stats]") {
   const WaitingFigures ten = waiting_figures({10000, 1000, 2000, 3000, 4000, 5000, 6000, 7000, 8000, 9000});
   CHECK(ten.calls == 10);
   CHECK(ten.average_ms == 5500);
   CHECK(ten.p90_ms == 9000);
   CHECK(ten.longest_ms == 10000);
   const WaitingFigures eleven = waiting_figures({1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11});
   CHECK(eleven.p90_ms == 10);  // rank ceil(9.9) = 10
   CHECK(waiting_figures({4200}).p90_ms == 4200);
   CHECK(waiting_figures({1, 2}).average_ms == 2);  // 1.5 rounds to nearest, half up
   const WaitingFigures none = waiting_figures({});
   CHECK(none.calls == 0);
   CHECK(none.average_ms == 0);
   CHECK(none.p90_ms == 0);
}

TEST_CASE("ten callers answered one after another give the exact average and 90th percentile of their waits",
          "[engine-stats]") {
   StatsFixture f;
   f.start_counting();
   REQUIRE(f.log_on("anna", "+4930501", {kMain}) == Outcome::ok);
   for (int i = 0; i < 10; ++i) f.incoming("c" + std::to_string(i), kMain);
   f.clock.advance(3000);  // all queued; c0 rings at anna
   for (int i = 0; i < 10; ++i) {
      const std::string id = "c" + std::to_string(i);
      f.engine->on_answered(f.leg_of(id));  // answered at 3 s + i s
      f.clock.advance(1000);
      f.hang_up(id);  // anna is free: the next is pushed at once
   }

   const ScopeFigures ddi = ddi_figures(f.stats, kMain);
   CHECK(ddi.counts.offered == 10);
   CHECK(ddi.counts.answered == 10);
   CHECK(ddi.answered_waiting.average_ms == 7500);
   CHECK(ddi.answered_waiting.p90_ms == 11000);
   CHECK(ddi.answered_waiting.longest_ms == 12000);
   const ScopeFigures anna = attendant_figures(f.stats, "anna");
   CHECK(anna.answered_waiting.average_ms == 7500);
   CHECK(anna.answered_waiting.p90_ms == 11000);
}
