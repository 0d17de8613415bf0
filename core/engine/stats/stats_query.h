// SPDX-License-Identifier: GPL-3.0-or-later
// Figures over an interval: the store's buckets plus those still in memory, summed per scope,
// with exact averages and 90th percentiles of the waiting times.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "engine/stats/statistics.h"

struct sqlite3;

namespace portier::engine {

struct WaitingFigures {
   std::int64_t calls = 0;
   std::int64_t average_ms = 0;  // rounded to the nearest ms; 0 without calls
   std::int64_t p90_ms = 0;      // nearest rank: at least 90 % of the calls waited no longer
   std::int64_t longest_ms = 0;
};

struct ScopeFigures {
   StatsScope scope = StatsScope::ddi;
   std::string id;
   StatsCounters counts;
   WaitingFigures answered_waiting;
   WaitingFigures abandoned_waiting;
};

struct StatsReport {
   std::int64_t from_ms = 0;  // the interval covered, at bucket resolution
   std::int64_t to_ms = 0;
   std::vector<ScopeFigures> scopes;  // by scope, then id
};

// Every bucket that overlaps [from_ms, to_ms), so the report covers [start of from's bucket,
// end of the bucket before to). `db` may be null (figures in memory only). Nullopt with `error`
// when the store cannot be read.
std::optional<StatsReport> query_statistics(const Statistics &stats, sqlite3 *db, std::int64_t from_ms,
                                            std::int64_t to_ms, std::string &error);

WaitingFigures waiting_figures(std::vector<std::int64_t> waits);

}  // namespace portier::engine
