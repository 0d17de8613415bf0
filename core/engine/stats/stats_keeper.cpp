// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/stats/stats_keeper.h"

#include <chrono>
#include <string>
#include <utility>

#include "engine/stats/stats_command.h"
#include "engine/stats/stats_store.h"
#include "kernel/log.h"

namespace portier::engine {
namespace {

constexpr std::string_view kSource = "engine";

}  // namespace

StatsKeeper::StatsKeeper(std::optional<kernel::Store> store, Timers &timers, std::int64_t utc_at_zero_ms)
    : store_(std::move(store)), timers_(timers), utc_at_zero_ms_(utc_at_zero_ms) {
   schedule_flush();
}

StatsKeeper::~StatsKeeper() {
   timers_.cancel(flush_timer_);
   flush(true);
}

void StatsKeeper::record(const EngineEvent &event) { record_event(stats_, event, utc_now_ms()); }

nlohmann::json StatsKeeper::answer(const nlohmann::json &request) const {
   return statistics_answer(stats_, store_ ? store_->handle() : nullptr, request, utc_now_ms());
}

bool StatsKeeper::flush(bool everything) {
   if (!store_) {
      forget_statistics_before(stats_, utc_now_ms() - kStatsMemoryMs);
      return true;
   }
   std::string error;
   if (flush_statistics(store_->handle(), stats_, utc_now_ms(), everything, error)) return true;
   kernel::log(kernel::LogLevel::warning, kSource,
               "statistics not stored (kept in memory, next try in a minute): " + error);
   return false;
}

void StatsKeeper::schedule_flush() {
   flush_timer_ = timers_.start(kStatsFlushPeriodMs, [this] {
      flush_timer_ = kNoTimer;
      flush(false);
      schedule_flush();
   });
}

std::optional<kernel::Store> open_stats_store(const std::filesystem::path &path) {
   if (path.empty()) return std::nullopt;
   std::string error;
   auto store = kernel::Store::open(path, error);
   if (!store) {
      kernel::log(kernel::LogLevel::warning, kSource, "statistics stay in memory: cannot open the store: " + error);
   }
   return store;
}

std::int64_t utc_at_engine_zero(const Timers &timers) {
   const auto utc = std::chrono::duration_cast<std::chrono::milliseconds>(
       std::chrono::system_clock::now().time_since_epoch());
   return utc.count() - timers.now_ms();
}

}  // namespace portier::engine
