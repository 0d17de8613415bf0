// SPDX-License-Identifier: GPL-3.0-or-later
// Call statistics per DDI entry, personal line and attendant, in 15-minute buckets of UTC time.
// A pure accumulator: the engine's events go in with the time each was emitted; nothing here
// reads a clock. Each figure is counted in the bucket of the moment it happened (offered: the
// call's arrival; answered: the attendant's answer; the others: the end or the return), so a
// bucket is final soon after it ends and the store can keep it. Engine thread only.
#pragma once

#include <compare>
#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "engine/runtime/engine_events.h"

namespace portier::engine {

inline constexpr std::int64_t kStatsBucketMs = 15 * 60 * 1000;

enum class StatsScope { ddi, personal_line, attendant };

struct StatsCounters {
   std::int64_t offered = 0;
   std::int64_t answered = 0;
   std::int64_t abandoned = 0;
   std::int64_t overflowed = 0;
   std::int64_t transferred = 0;
   std::int64_t returned_from_transfer = 0;
   std::int64_t rejected = 0;  // turned away by the DDI entry's overload rule
};

struct StatsKey {
   std::int64_t bucket_ms = 0;  // UTC start, a multiple of kStatsBucketMs
   StatsScope scope = StatsScope::ddi;
   std::string id;              // pilot number, personal line or attendant
   auto operator<=>(const StatsKey &) const = default;
};

// One scope in one bucket. Every waiting time is kept, so averages and percentiles over any
// interval are exact, not estimated from a histogram.
struct StatsBucket {
   StatsCounters counts;
   std::vector<std::int64_t> answered_waits;   // ms from arrival to the attendant's answer
   std::vector<std::int64_t> abandoned_waits;  // ms from arrival to the caller's hang-up
};

// What the accumulator remembers of a call between its events.
struct StatsCall {
   std::string queue;
   bool personal = false;
   std::int64_t arrived_ms = 0;  // UTC
   bool answered = false;
   std::string offered_to;      // the attendant whose device rings for it now
   std::string transferred_by;  // while a transfer is under way: who started it
   // The first answer until the trunk has joined the two (no CallTakenBack right after it): a
   // connect the trunk refuses takes the answer back, as the engine does.
   bool answer_revocable = false;
   std::int64_t answered_at_ms = 0;
   std::int64_t answer_wait_ms = 0;
   std::string answered_by;
};

struct Statistics {
   std::map<std::string, StatsCall, std::less<>> calls;  // calls the engine holds now
   std::map<StatsKey, StatsBucket> pending;              // figures not yet in the store
};

// The start of the bucket holding `utc_ms`.
std::int64_t stats_bucket_start(std::int64_t utc_ms);

// Counts `event`, which the engine emitted at `now_ms` (UTC, ms since the epoch).
void record_event(Statistics &stats, const EngineEvent &event, std::int64_t now_ms);

// Adds `from` into `into`: counters summed, waiting times appended.
void merge_bucket(StatsBucket &into, const StatsBucket &from);

// "ddi", "personal_line", "attendant": the names in the store and in answers.
std::string_view stats_scope_name(StatsScope scope);
bool parse_stats_scope(std::string_view name, StatsScope &scope);

}  // namespace portier::engine
