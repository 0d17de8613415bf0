// SPDX-License-Identifier: GPL-3.0-or-later
// The figures in the store: flushes of finished buckets, additions to buckets already stored,
// a restart, and a failed flush.
#include <catch2/catch.hpp>

#include <sqlite3.h>

#include "engine/stats/stats_store.h"
#include "kernel/store.h"
#include "stats_fixture.h"
#include "temp_dir.h"

using namespace portier::engine;
using namespace portier::engine::test;
using portier::kernel::Store;
using portier::kernel::test::TempDir;

namespace {

// Three calls: c1 answered by anna after 5 s and c2 abandoned after 8 s in the 09:00 bucket, c3
// abandoned after 4 s in the 09:15 bucket.
void three_calls(StatsFixture &f) {
   f.start_counting();
   REQUIRE(f.log_on("anna", "+4930501", {kMain}) == Outcome::ok);
   f.queued_call("c1");
   f.clock.advance(2000);
   f.engine->on_answered(f.leg_of("c1"));
   f.queued_call("c2");
   f.clock.advance(5000);
   f.hang_up("c2");
   f.hang_up("c1");
   f.at(20 * kMinuteMs);
   f.queued_call("c3");
   f.clock.advance(1000);
   f.hang_up("c3");
}

Store open_store(const TempDir &dir) {
   std::string error;
   auto store = Store::open(dir.path() / "portier.db", error);
   REQUIRE(store);
   return std::move(*store);
}

StatsReport day(const Statistics &stats, const Store &store) {
   std::string error;
   auto report = query_statistics(stats, store.handle(), kUtcAtZero, kUtcAtZero + 24 * 60 * kMinuteMs, error);
   INFO(error);
   REQUIRE(report);
   return *report;
}

void check_three_calls(const StatsReport &report) {
   REQUIRE(report.scopes.size() == 2);
   const ScopeFigures &ddi = report.scopes[0];
   CHECK(ddi.scope == StatsScope::ddi);
   CHECK(ddi.id == kMain);
   CHECK(ddi.counts.offered == 3);
   CHECK(ddi.counts.answered == 1);
   CHECK(ddi.counts.abandoned == 2);
   CHECK(ddi.answered_waiting.average_ms == 5000);
   CHECK(ddi.abandoned_waiting.calls == 2);
   CHECK(ddi.abandoned_waiting.average_ms == 6000);
   CHECK(ddi.abandoned_waiting.p90_ms == 8000);
   const ScopeFigures &anna = report.scopes[1];
   CHECK(anna.scope == StatsScope::attendant);
   CHECK(anna.id == "anna");
   CHECK(anna.counts.answered == 1);
}

}  // namespace

TEST_CASE("a flush stores the finished buckets and keeps the running one in memory where a query still sees it",
          "[engine-stats]") {
   TempDir dir;
   Store store = open_store(dir);
   StatsFixture f;
   three_calls(f);
   const StatsReport before = day(f.stats, store);
   check_three_calls(before);

   std::string error;
   REQUIRE(flush_statistics(store.handle(), f.stats, kUtcAtZero + f.clock.now_ms(), false, error));
   REQUIRE(!f.stats.pending.empty());
   for (const auto &[key, bucket] : f.stats.pending) CHECK(key.bucket_ms == kUtcAtZero + 15 * kMinuteMs);  // running
   check_three_calls(day(f.stats, store));
   const auto stored_only = query_statistics(Statistics{}, store.handle(), kUtcAtZero, kUtcAtZero + 15 * kMinuteMs, error);
   REQUIRE(stored_only);
   REQUIRE(!stored_only->scopes.empty());
   CHECK(stored_only->scopes[0].counts.offered == 2);
}

TEST_CASE("stored figures survive a restart so a new accumulator on the same file answers the same", "[engine-stats]") {
   TempDir dir;
   {
      Store store = open_store(dir);
      StatsFixture f;
      three_calls(f);
      std::string error;
      REQUIRE(flush_statistics(store.handle(), f.stats, kUtcAtZero + f.clock.now_ms(), true, error));
      CHECK(f.stats.pending.empty());
   }
   Store reopened = open_store(dir);
   check_three_calls(day(Statistics{}, reopened));
}

TEST_CASE("a figure for a bucket already stored is added to it and not written over", "[engine-stats]") {
   TempDir dir;
   Store store = open_store(dir);
   StatsFixture f;
   f.start_counting();
   f.queued_call("c1");
   f.hang_up("c1");
   std::string error;
   REQUIRE(flush_statistics(store.handle(), f.stats, kUtcAtZero + f.clock.now_ms(), true, error));
   f.queued_call("c2");
   f.clock.advance(1000);
   f.hang_up("c2");
   REQUIRE(flush_statistics(store.handle(), f.stats, kUtcAtZero + f.clock.now_ms(), true, error));

   const StatsReport report = day(Statistics{}, store);
   REQUIRE(report.scopes.size() == 1);
   CHECK(report.scopes[0].counts.offered == 2);
   CHECK(report.scopes[0].counts.abandoned == 2);
   CHECK(report.scopes[0].abandoned_waiting.average_ms == 3500);
}

TEST_CASE("a flush that fails writes nothing and keeps every figure in memory for the next try", "[engine-stats]") {
   sqlite3 *db = nullptr;
   REQUIRE(sqlite3_open(":memory:", &db) == SQLITE_OK);  // no statistics tables
   StatsFixture f;
   f.start_counting();
   f.queued_call("c1");
   f.hang_up("c1");
   const std::size_t pending = f.stats.pending.size();
   std::string error;
   CHECK_FALSE(flush_statistics(db, f.stats, kUtcAtZero + 60 * kMinuteMs, true, error));
   CHECK(error.find("stats_bucket") != std::string::npos);
   CHECK(f.stats.pending.size() == pending);
   CHECK(ddi_figures(f.stats, kMain).counts.abandoned == 1);
   sqlite3_close(db);
}
