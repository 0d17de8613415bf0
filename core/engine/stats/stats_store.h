// SPDX-License-Identifier: GPL-3.0-or-later
// Statistics in the store (tables of migration "call statistics", core/kernel/migrations.cpp):
// one row of counters per bucket and scope, one row per waiting time. Writes add to what is
// stored, so a figure that arrives for a bucket already written (a call that arrived just
// before its bucket ended) is simply added on the next flush.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <utility>

#include "engine/stats/statistics.h"

struct sqlite3;

namespace portier::engine {

using StatsTotals = std::map<std::pair<StatsScope, std::string>, StatsBucket>;

// Writes the pending buckets that ended by `now_ms` (all of them when `everything`) in one
// transaction and forgets them in memory. On failure nothing is written, memory keeps them for
// the next try, and `error` says why.
bool flush_statistics(sqlite3 *db, Statistics &stats, std::int64_t now_ms, bool everything, std::string &error);

// Adds the stored figures of the buckets starting in [from_ms, to_ms) into `into`, per scope.
bool load_statistics(sqlite3 *db, std::int64_t from_ms, std::int64_t to_ms, StatsTotals &into, std::string &error);

// Without a store: forgets pending buckets before the one holding `before_ms`, so memory stays
// bounded. Returns how many it forgot.
std::size_t forget_statistics_before(Statistics &stats, std::int64_t before_ms);

}  // namespace portier::engine
