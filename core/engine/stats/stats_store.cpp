// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/stats/stats_store.h"

#include <iterator>
#include <memory>
#include <sqlite3.h>
#include <string_view>
#include <vector>

#include "kernel/sql_statement.h"

namespace portier::engine {
namespace {

using kernel::bind_text;
using kernel::column_text;
using kernel::exec;
using kernel::prepare;
using kernel::Statement;

// Runs a bound statement once and makes it ready for the next row.
bool step_done(sqlite3 *db, sqlite3_stmt *statement, std::string &error) {
   const int rc = sqlite3_step(statement);
   sqlite3_reset(statement);
   sqlite3_clear_bindings(statement);
   if (rc == SQLITE_DONE) return true;
   error = sqlite3_errmsg(db);
   return false;
}

constexpr std::string_view kAddCounts =
    "INSERT INTO stats_bucket(bucket_start, scope, id, offered, answered, abandoned, overflowed, transferred,"
    " returned_from_transfer, rejected) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
    " ON CONFLICT(bucket_start, scope, id) DO UPDATE SET"
    " offered = offered + excluded.offered, answered = answered + excluded.answered,"
    " abandoned = abandoned + excluded.abandoned, overflowed = overflowed + excluded.overflowed,"
    " transferred = transferred + excluded.transferred,"
    " returned_from_transfer = returned_from_transfer + excluded.returned_from_transfer,"
    " rejected = rejected + excluded.rejected";

constexpr std::string_view kAddWait =
    "INSERT INTO stats_waiting(bucket_start, scope, id, kind, waiting_ms) VALUES (?, ?, ?, ?, ?)";

bool write_bucket(sqlite3 *db, sqlite3_stmt *counts, sqlite3_stmt *wait, const StatsKey &key,
                  const StatsBucket &bucket, std::string &error) {
   const std::string_view scope = stats_scope_name(key.scope);
   const StatsCounters &c = bucket.counts;
   const std::int64_t values[] = {c.offered,     c.answered, c.abandoned, c.overflowed, c.transferred,
                                  c.returned_from_transfer, c.rejected};
   bool ok = sqlite3_bind_int64(counts, 1, key.bucket_ms) == SQLITE_OK && bind_text(counts, 2, scope) &&
             bind_text(counts, 3, key.id);
   for (int i = 0; ok && i < 7; ++i) ok = sqlite3_bind_int64(counts, 4 + i, values[i]) == SQLITE_OK;
   if (!ok) {
      error = sqlite3_errmsg(db);
      return false;
   }
   if (!step_done(db, counts, error)) return false;
   const std::pair<std::string_view, const std::vector<std::int64_t> *> kinds[] = {
       {"answered", &bucket.answered_waits}, {"abandoned", &bucket.abandoned_waits}};
   for (const auto &[kind, waits] : kinds) {
      for (const std::int64_t waited : *waits) {
         if (sqlite3_bind_int64(wait, 1, key.bucket_ms) != SQLITE_OK || !bind_text(wait, 2, scope) ||
             !bind_text(wait, 3, key.id) || !bind_text(wait, 4, kind) ||
             sqlite3_bind_int64(wait, 5, waited) != SQLITE_OK) {
            error = sqlite3_errmsg(db);
            return false;
         }
         if (!step_done(db, wait, error)) return false;
      }
   }
   return true;
}

bool bind_range(sqlite3 *db, sqlite3_stmt *statement, std::int64_t from_ms, std::int64_t to_ms, std::string &error) {
   if (sqlite3_bind_int64(statement, 1, from_ms) == SQLITE_OK && sqlite3_bind_int64(statement, 2, to_ms) == SQLITE_OK)
      return true;
   error = sqlite3_errmsg(db);
   return false;
}

}  // namespace

bool flush_statistics(sqlite3 *db, Statistics &stats, std::int64_t now_ms, bool everything, std::string &error) {
   std::vector<std::map<StatsKey, StatsBucket>::iterator> due;
   for (auto it = stats.pending.begin(); it != stats.pending.end(); ++it) {
      if (everything || it->first.bucket_ms + kStatsBucketMs <= now_ms) due.push_back(it);
   }
   if (due.empty()) return true;
   if (db == nullptr) {
      error = "no store";
      return false;
   }
   Statement counts = prepare(db, kAddCounts, error);
   Statement wait = counts ? prepare(db, kAddWait, error) : nullptr;
   if (!counts || !wait || !exec(db, "BEGIN IMMEDIATE", error)) return false;
   for (const auto &it : due) {
      if (!write_bucket(db, counts.get(), wait.get(), it->first, it->second, error)) {
         std::string ignored;
         exec(db, "ROLLBACK", ignored);
         return false;
      }
   }
   if (!exec(db, "COMMIT", error)) {
      std::string ignored;
      exec(db, "ROLLBACK", ignored);
      return false;
   }
   for (const auto &it : due) stats.pending.erase(it);
   return true;
}

bool load_statistics(sqlite3 *db, std::int64_t from_ms, std::int64_t to_ms, StatsTotals &into, std::string &error) {
   Statement counts = prepare(db,
                              "SELECT scope, id, offered, answered, abandoned, overflowed, transferred,"
                              " returned_from_transfer, rejected FROM stats_bucket WHERE bucket_start >= ? AND bucket_start < ?",
                              error);
   if (!counts || !bind_range(db, counts.get(), from_ms, to_ms, error)) return false;
   int rc = SQLITE_ROW;
   while ((rc = sqlite3_step(counts.get())) == SQLITE_ROW) {
      StatsScope scope = StatsScope::ddi;
      if (!parse_stats_scope(column_text(counts.get(), 0), scope)) continue;  // a scope of a newer build
      StatsCounters &c = into[{scope, column_text(counts.get(), 1)}].counts;
      std::int64_t *fields[] = {&c.offered,     &c.answered, &c.abandoned, &c.overflowed, &c.transferred,
                                &c.returned_from_transfer, &c.rejected};
      for (int i = 0; i < 7; ++i) *fields[i] += sqlite3_column_int64(counts.get(), 2 + i);
   }
   if (rc != SQLITE_DONE) {
      error = sqlite3_errmsg(db);
      return false;
   }
   Statement waits =
       prepare(db, "SELECT scope, id, kind, waiting_ms FROM stats_waiting WHERE bucket_start >= ? AND bucket_start < ?",
               error);
   if (!waits || !bind_range(db, waits.get(), from_ms, to_ms, error)) return false;
   while ((rc = sqlite3_step(waits.get())) == SQLITE_ROW) {
      StatsScope scope = StatsScope::ddi;
      if (!parse_stats_scope(column_text(waits.get(), 0), scope)) continue;
      StatsBucket &bucket = into[{scope, column_text(waits.get(), 1)}];
      const std::string kind = column_text(waits.get(), 2);
      const std::int64_t waited = sqlite3_column_int64(waits.get(), 3);
      if (kind == "answered") bucket.answered_waits.push_back(waited);
      else if (kind == "abandoned") bucket.abandoned_waits.push_back(waited);
   }
   if (rc != SQLITE_DONE) {
      error = sqlite3_errmsg(db);
      return false;
   }
   return true;
}

std::size_t forget_statistics_before(Statistics &stats, std::int64_t before_ms) {
   const auto end = stats.pending.lower_bound(StatsKey{stats_bucket_start(before_ms), StatsScope::ddi, {}});
   const auto forgotten = static_cast<std::size_t>(std::distance(stats.pending.begin(), end));
   stats.pending.erase(stats.pending.begin(), end);
   return forgotten;
}

}  // namespace portier::engine
