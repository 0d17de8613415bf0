// SPDX-License-Identifier: GPL-3.0-or-later
// Statistics inside portierd: the accumulator fed with every engine event, a store connection
// of its own, a flush of finished buckets every minute and of everything at the end, and the
// "statistics" command. Engine thread only.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>

#include <nlohmann/json.hpp>

#include "engine/runtime/engine_events.h"
#include "engine/runtime/timers.h"
#include "engine/stats/statistics.h"
#include "kernel/store.h"

namespace portier::engine {

inline constexpr std::uint32_t kStatsFlushPeriodMs = 60 * 1000;
// Without a store, finished figures stay in memory this long, then are forgotten.
inline constexpr std::int64_t kStatsMemoryMs = 7LL * 24 * 60 * 60 * 1000;

class StatsKeeper {
  public:
   // `utc_at_zero_ms`: UTC when timers.now_ms() was 0, so every figure is on the engine's clock
   // (monotonic, simulated in tests) and buckets are still UTC. `store` may be empty.
   StatsKeeper(std::optional<kernel::Store> store, Timers &timers, std::int64_t utc_at_zero_ms);
   ~StatsKeeper();  // writes every pending figure
   StatsKeeper(const StatsKeeper &) = delete;
   StatsKeeper &operator=(const StatsKeeper &) = delete;

   void record(const EngineEvent &event);
   nlohmann::json answer(const nlohmann::json &request) const;
   // Finished buckets (all when `everything`) into the store; false, logged, when it failed.
   bool flush(bool everything);

   std::int64_t utc_now_ms() const { return utc_at_zero_ms_ + timers_.now_ms(); }
   const Statistics &statistics() const { return stats_; }

  private:
   void schedule_flush();

   std::optional<kernel::Store> store_;
   Timers &timers_;
   std::int64_t utc_at_zero_ms_;
   Statistics stats_;
   TimerId flush_timer_ = kNoTimer;
};

// Opens the statistics' own connection to the store at `path`; empty (logged) when it cannot.
std::optional<kernel::Store> open_stats_store(const std::filesystem::path &path);

// UTC now minus the engine clock's now, for StatsKeeper.
std::int64_t utc_at_engine_zero(const Timers &timers);

}  // namespace portier::engine
