// SPDX-License-Identifier: GPL-3.0-or-later
#include <atomic>
#include <thread>
#include <vector>

#include <catch2/catch.hpp>

#include "kernel/clock.h"
#include "kernel/engine_loop.h"

using portier::kernel::EngineLoop;
using portier::kernel::SimulatedClock;
using portier::kernel::SteadyClock;

TEST_CASE("timers on the simulated clock fire at their own deadlines, in order")
{
   SimulatedClock clock;
   EngineLoop loop(clock, 16);
   loop.adopt_current_thread();
   std::vector<std::pair<std::string, std::int64_t>> fired;
   loop.timer_start(300, 0, [&] { fired.emplace_back("c", clock.now_us()); });
   loop.timer_start(100, 0, [&] { fired.emplace_back("a", clock.now_us()); });
   loop.timer_start(200, 100, [&] { fired.emplace_back("b", clock.now_us()); });
   loop.advance(400);
   CHECK(fired == std::vector<std::pair<std::string, std::int64_t>>{
                     {"a", 100}, {"b", 200}, {"c", 300}, {"b", 300}, {"b", 400}});
   CHECK(clock.now_us() == 400);
}

TEST_CASE("a cancelled timer never fires")
{
   SimulatedClock clock;
   EngineLoop loop(clock, 16);
   loop.adopt_current_thread();
   int fired = 0;
   const auto id = loop.timer_start(100, 100, [&] { ++fired; });
   loop.advance(250);
   loop.timer_cancel(id);
   loop.advance(1000);
   CHECK(fired == 2);
   CHECK(loop.timer_count() == 0);
}

TEST_CASE("work posted from other threads runs on the engine thread in order, within the bound")
{
   SimulatedClock clock;
   EngineLoop loop(clock, 8);
   loop.adopt_current_thread();
   std::vector<int> ran;
   std::atomic<int> refused{0};
   std::thread producer([&] {
      for (int i = 0; i < 20; ++i) {
         if (!loop.post([&ran, i, &loop] {
                REQUIRE(loop.is_engine_thread());
                ran.push_back(i);
             })) {
            ++refused;
         }
      }
   });
   producer.join();
   CHECK(loop.queued() == 8);
   loop.run_ready();
   CHECK(refused == 12);
   CHECK(ran == std::vector<int>{0, 1, 2, 3, 4, 5, 6, 7});
   CHECK(loop.queued() == 0);
}

TEST_CASE("the real loop runs timers and stops on request from another thread")
{
   SteadyClock clock;
   EngineLoop loop(clock, 16);
   std::atomic<int> ticks{0};
   loop.timer_start(1'000, 1'000, [&] {
      if (++ticks == 5) {
         loop.stop();
      }
   });
   std::thread engine([&] { loop.run(); });
   engine.join();
   CHECK(ticks == 5);
}
