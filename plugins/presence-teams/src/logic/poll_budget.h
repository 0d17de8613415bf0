// SPDX-License-Identifier: GPL-3.0-or-later
// How often presence.teams may poll without leaving Graph's presence throttling budget
// (documented: 1,500 requests per 30 s per app and tenant; newer pages say 10,000). One sweep
// over n resolved users costs ceil(n / 650) requests; the plugin spends at most share % of the
// budget B, so
//     interval_s = max(poll_interval_seconds, ceil(n / 650) * 30 / (B * share / 100))
// e.g. 2,000 users: 4 requests, 0.16 s at B = 1,500 and 50 % -> the wished interval wins;
// 100,000 users: 154 requests -> 6.16 s.
#pragma once

#include <cstddef>
#include <cstdint>

namespace portier::teams {

// Requests one sweep over `users` ids costs.
std::size_t requests_per_sweep(std::size_t users);

// The interval between sweep starts in microseconds.
std::int64_t poll_interval_us(std::size_t users, int wished_seconds, int budget_per_30s, int share_percent);

}  // namespace portier::teams
