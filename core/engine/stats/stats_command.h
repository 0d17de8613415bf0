// SPDX-License-Identifier: GPL-3.0-or-later
// The client command "statistics" (docs/sdk/client-api.md): figures per DDI entry, personal line
// and attendant over an interval, as JSON.
#pragma once

#include <cstdint>

#include <nlohmann/json.hpp>

#include "engine/stats/stats_query.h"

struct sqlite3;

namespace portier::engine {

// A query may span at most this much, so one answer stays bounded.
inline constexpr std::int64_t kStatsMaxSpanMs = 400LL * 24 * 60 * 60 * 1000;

// {"type": "statistics", "from": "2024-01-01T09:00:00Z", "to": "2024-01-01T10:00:00Z"} ("to"
// defaults to `now_ms`, UTC) -> {"type": "answer", "ok": true, "statistics": {...}}; a bad or
// missing time is "invalid", a store that cannot be read "store_failed".
nlohmann::json statistics_answer(const Statistics &stats, sqlite3 *db, const nlohmann::json &request,
                                 std::int64_t now_ms);

// The "statistics" object of the answer.
nlohmann::json stats_report_json(const StatsReport &report);

}  // namespace portier::engine
