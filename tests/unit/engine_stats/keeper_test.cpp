// SPDX-License-Identifier: GPL-3.0-or-later
// The keeper in portierd: a flush of finished buckets every minute, everything when it goes.
#include <catch2/catch.hpp>

#include <sqlite3.h>

#include "engine/stats/stats_keeper.h"
#include "stats_fixture.h"
#include "temp_dir.h"

using namespace portier::engine;
using namespace portier::engine::test;
using portier::kernel::Store;
using portier::kernel::test::TempDir;

namespace {

std::int64_t stored_offered(const std::filesystem::path &file) {
   sqlite3 *db = nullptr;
   REQUIRE(sqlite3_open(file.c_str(), &db) == SQLITE_OK);
   sqlite3_stmt *statement = nullptr;
   REQUIRE(sqlite3_prepare_v2(db, "SELECT coalesce(sum(offered), 0) FROM stats_bucket", -1, &statement, nullptr) ==
           SQLITE_OK);
   REQUIRE(sqlite3_step(statement) == SQLITE_ROW);
   const std::int64_t offered = sqlite3_column_int64(statement, 0);
   sqlite3_finalize(statement);
   sqlite3_close(db);
   return offered;
}

}  // namespace

TEST_CASE("the keeper stores a finished bucket within a minute of its end and everything when it stops",
          "[engine-stats]") {
   TempDir dir;
   const auto file = dir.path() / "portier.db";
   SimTimers clock;
   FakeTrunk trunk;
   {
      StatsKeeper keeper(open_stats_store(file), clock, kUtcAtZero);
      Engine engine(standard_data(), trunk, clock, [&](const EngineEvent &e) { keeper.record(e); });
      engine.on_incoming(IncomingCall{"c1", kCaller, kMain, ""});
      clock.advance(14 * kMinuteMs);
      engine.on_incoming(IncomingCall{"c2", kCaller, kMain, ""});  // 09:14, still in the first bucket
      clock.advance(kMinuteMs - 1);
      CHECK(stored_offered(file) == 0);  // the first bucket is not over yet
      clock.advance(1);                  // 09:15: it is, and a flush is due
      CHECK(stored_offered(file) == 2);
      CHECK(keeper.statistics().pending.empty());

      clock.advance(1 * kMinuteMs);
      engine.on_incoming(IncomingCall{"c3", kCaller, kMain, ""});  // 09:16
      clock.advance(3000);                                         // queued: offered
      const auto answer = keeper.answer(nlohmann::json{{"type", "statistics"}, {"from", "2024-01-01T09:00:00Z"}});
      CHECK(answer["statistics"]["ddi"][0]["offered"] == 3);
   }
   CHECK(stored_offered(file) == 3);
}
