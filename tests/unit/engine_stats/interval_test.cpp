// SPDX-License-Identifier: GPL-3.0-or-later
// Buckets of 15 minutes in UTC, and queries over [from, to) at bucket resolution.
#include <catch2/catch.hpp>

#include "stats_fixture.h"

using namespace portier::engine;
using namespace portier::engine::test;

namespace {

constexpr std::int64_t kSecond = 1000;

// c1 arrives at 09:14:56 and is abandoned at 09:15:01, five seconds later.
void call_across_a_boundary(StatsFixture &f) {
   f.start_counting();
   f.at(14 * kMinuteMs + 56 * kSecond);
   f.incoming("c1", kMain);
   f.clock.advance(5 * kSecond);
   f.hang_up("c1");
}

}  // namespace

TEST_CASE("buckets start every 15 minutes of UTC time", "[engine-stats]") {
   CHECK(stats_bucket_start(kUtcAtZero) == kUtcAtZero);
   CHECK(stats_bucket_start(kUtcAtZero + 15 * kMinuteMs - 1) == kUtcAtZero);
   CHECK(stats_bucket_start(kUtcAtZero + 15 * kMinuteMs) == kUtcAtZero + 15 * kMinuteMs);
   CHECK(stats_bucket_start(-1) == -kStatsBucketMs);
}

TEST_CASE("a call counts as offered in the bucket of its arrival and as abandoned in the bucket of its hang-up",
          "[engine-stats]") {
   StatsFixture f;
   call_across_a_boundary(f);

   const ScopeFigures first = ddi_figures(f.stats, kMain, 0, 15);
   CHECK(first.counts.offered == 1);
   CHECK(first.counts.abandoned == 0);
   const ScopeFigures second = ddi_figures(f.stats, kMain, 15, 30);
   CHECK(second.counts.offered == 0);
   CHECK(second.counts.abandoned == 1);
   CHECK(second.abandoned_waiting.average_ms == 5000);
}

TEST_CASE("a query takes every bucket that overlaps the interval and none outside", "[engine-stats]") {
   StatsFixture f;
   call_across_a_boundary(f);
   std::string error;

   // 09:10 to 09:20 touches both buckets: the report covers 09:00 to 09:30.
   const auto both = query_statistics(f.stats, nullptr, kUtcAtZero + 10 * kMinuteMs, kUtcAtZero + 20 * kMinuteMs, error);
   REQUIRE(both);
   CHECK(both->from_ms == kUtcAtZero);
   CHECK(both->to_ms == kUtcAtZero + 30 * kMinuteMs);
   REQUIRE(both->scopes.size() == 1);
   CHECK(both->scopes[0].counts.offered == 1);
   CHECK(both->scopes[0].counts.abandoned == 1);

   // The last millisecond of the first bucket: the first bucket only.
   const auto last_ms = query_statistics(f.stats, nullptr, kUtcAtZero + 15 * kMinuteMs - 1, kUtcAtZero + 15 * kMinuteMs, error);
   REQUIRE(last_ms);
   CHECK(last_ms->to_ms == kUtcAtZero + 15 * kMinuteMs);
   REQUIRE(last_ms->scopes.size() == 1);
   CHECK(last_ms->scopes[0].counts.abandoned == 0);

   // Before and after: nothing.
   const auto before = query_statistics(f.stats, nullptr, kUtcAtZero - 60 * kMinuteMs, kUtcAtZero, error);
   REQUIRE(before);
   CHECK(before->scopes.empty());
   const auto after = query_statistics(f.stats, nullptr, kUtcAtZero + 30 * kMinuteMs, kUtcAtZero + 90 * kMinuteMs, error);
   REQUIRE(after);
   CHECK(after->scopes.empty());
}

TEST_CASE("a call that arrives just before a bucket ends is offered in that bucket though it is queued in the next",
          "[engine-stats]") {
   StatsFixture f;
   f.start_counting();
   f.at(15 * kMinuteMs - kSecond);  // 09:14:59
   f.queued_call("c1");              // queued at 09:15:02
   CHECK(ddi_figures(f.stats, kMain, 0, 15).counts.offered == 1);
   CHECK(ddi_figures(f.stats, kMain, 15, 30).counts.offered == 0);
}
