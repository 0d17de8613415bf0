// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/stats/stats_query.h"

#include <algorithm>
#include <utility>

#include "engine/stats/stats_store.h"

namespace portier::engine {

WaitingFigures waiting_figures(std::vector<std::int64_t> waits) {
   WaitingFigures out;
   if (waits.empty()) return out;
   std::sort(waits.begin(), waits.end());
   const auto n = static_cast<std::int64_t>(waits.size());
   std::int64_t sum = 0;
   for (const std::int64_t w : waits) sum += w;
   out.calls = n;
   out.average_ms = (sum + n / 2) / n;
   // Nearest rank: the ceil(0.9 n)-th smallest, so a single long wait among ten shows as p90 only
   // when it is one of the slowest tenth.
   const std::int64_t rank = (9 * n + 9) / 10;
   out.p90_ms = waits[static_cast<std::size_t>(rank - 1)];
   out.longest_ms = waits.back();
   return out;
}

std::optional<StatsReport> query_statistics(const Statistics &stats, sqlite3 *db, std::int64_t from_ms,
                                            std::int64_t to_ms, std::string &error) {
   StatsReport report;
   report.from_ms = stats_bucket_start(from_ms);
   report.to_ms = to_ms > from_ms ? stats_bucket_start(to_ms - 1) + kStatsBucketMs : report.from_ms;
   StatsTotals totals;
   if (db != nullptr && report.to_ms > report.from_ms &&
       !load_statistics(db, report.from_ms, report.to_ms, totals, error)) {
      return std::nullopt;
   }
   for (auto it = stats.pending.lower_bound(StatsKey{report.from_ms, StatsScope::ddi, {}});
        it != stats.pending.end() && it->first.bucket_ms < report.to_ms; ++it) {
      merge_bucket(totals[{it->first.scope, it->first.id}], it->second);
   }
   for (auto &[scope_id, bucket] : totals) {
      ScopeFigures figures;
      figures.scope = scope_id.first;
      figures.id = scope_id.second;
      figures.counts = bucket.counts;
      figures.answered_waiting = waiting_figures(std::move(bucket.answered_waits));
      figures.abandoned_waiting = waiting_figures(std::move(bucket.abandoned_waits));
      report.scopes.push_back(std::move(figures));
   }
   return report;
}

}  // namespace portier::engine
