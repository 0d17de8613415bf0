// SPDX-License-Identifier: GPL-3.0-or-later
#include <catch2/catch.hpp>

#include <string>

#include "engine/runtime/sim_timers.h"

using namespace portier::engine;

TEST_CASE("the simulated clock fires timers in order of due time, then of start", "[engine][clock]") {
   SimTimers clock;
   std::string fired;
   clock.start(200, [&] { fired += "c"; });
   clock.start(100, [&] { fired += "a"; });
   clock.start(100, [&] { fired += "b"; });
   clock.advance(150);
   CHECK(fired == "ab");
   CHECK(clock.now_ms() == 150);
   clock.advance(50);
   CHECK(fired == "abc");
}

TEST_CASE("a timer sees the clock at its due time and may start another", "[engine][clock]") {
   SimTimers clock;
   std::int64_t seen = -1;
   std::int64_t chained = -1;
   clock.start(40, [&] {
      seen = clock.now_ms();
      clock.start(10, [&] { chained = clock.now_ms(); });
   });
   clock.advance(100);
   CHECK(seen == 40);
   CHECK(chained == 50);
   CHECK(clock.now_ms() == 100);
}

TEST_CASE("a cancelled timer never fires", "[engine][clock]") {
   SimTimers clock;
   bool fired = false;
   const TimerId id = clock.start(10, [&] { fired = true; });
   clock.cancel(id);
   clock.cancel(id);  // twice is harmless
   clock.advance(20);
   CHECK_FALSE(fired);
   CHECK(clock.pending() == 0);
}

TEST_CASE("local time moves into the next day, weekday and month", "[engine][clock]") {
   SimTimers clock({2024, 1, 31}, 23 * 60 + 30);  // a Wednesday
   LocalTime t = clock.local_time();
   CHECK(t.weekday == 2);
   CHECK(t.minute == 23 * 60 + 30);
   clock.advance(45 * 60'000);
   t = clock.local_time();
   CHECK(t.date == CalendarDate{2024, 2, 1});
   CHECK(t.weekday == 3);
   CHECK(t.minute == 15);
}
