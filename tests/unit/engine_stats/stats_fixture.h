// SPDX-License-Identifier: GPL-3.0-or-later
// A real engine on the simulated clock whose every event goes into a statistics accumulator at
// the time it is emitted. The simulated clock's 0 is Monday 2024-01-01 09:00 UTC.
#pragma once

#include <cstdint>
#include <memory>
#include <string>

#include "engine/stats/statistics.h"
#include "engine/stats/stats_query.h"
#include "engine_fixture.h"

namespace portier::engine::test {

inline constexpr std::int64_t kUtcAtZero = 1704099600000;  // 2024-01-01T09:00:00Z
inline constexpr std::int64_t kMinuteMs = 60 * 1000;

struct StatsFixture : EngineFixture {
   Statistics stats;

   // EngineFixture::start (with whatever it sets up around the engine), then the same engine
   // with every event also counted.
   Engine &start_counting() {
      start();
      engine = std::make_unique<Engine>(data, trunk, clock, [this](const EngineEvent &e) {
         events.push_back(e);
         record_event(stats, e, kUtcAtZero + clock.now_ms());
      });
      return *engine;
   }
   // Moves the clock to `ms` after 09:00.
   void at(std::int64_t ms) { clock.advance(ms - clock.now_ms()); }
   void hang_up(const std::string &id) { engine->on_ended(id, 200); }
};

// The figures of one scope in [from, to) minutes after 09:00 (from memory only); a scope without
// figures gives zeros.
inline ScopeFigures figures_of(const Statistics &stats, StatsScope scope, const std::string &id,
                               std::int64_t from_minute = 0, std::int64_t to_minute = 24 * 60) {
   std::string error;
   const auto report =
       query_statistics(stats, nullptr, kUtcAtZero + from_minute * kMinuteMs, kUtcAtZero + to_minute * kMinuteMs, error);
   if (report)
      for (const ScopeFigures &f : report->scopes)
         if (f.scope == scope && f.id == id) return f;
   ScopeFigures none;
   none.scope = scope;
   none.id = id;
   return none;
}

inline ScopeFigures ddi_figures(const Statistics &stats, const std::string &pilot, std::int64_t from_minute = 0,
                                std::int64_t to_minute = 24 * 60) {
   return figures_of(stats, StatsScope::ddi, pilot, from_minute, to_minute);
}

inline ScopeFigures attendant_figures(const Statistics &stats, const std::string &attendant) {
   return figures_of(stats, StatsScope::attendant, attendant);
}

}  // namespace portier::engine::test
