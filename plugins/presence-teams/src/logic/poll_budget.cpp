// SPDX-License-Identifier: GPL-3.0-or-later
#include "poll_budget.h"

#include <algorithm>

#include "graph_presence.h"

namespace portier::teams {

std::size_t requests_per_sweep(std::size_t users) {
   return (users + kMaxIdsPerPresenceRequest - 1) / kMaxIdsPerPresenceRequest;
}

std::int64_t poll_interval_us(std::size_t users, int wished_seconds, int budget_per_30s, int share_percent) {
   const std::int64_t wished = std::int64_t{wished_seconds} * 1'000'000;
   const std::int64_t allowed = std::max<std::int64_t>(1, std::int64_t{budget_per_30s} * share_percent);  // per 30 s, x100
   const std::int64_t needed = static_cast<std::int64_t>(requests_per_sweep(users)) * 30 * 1'000'000 * 100;
   return std::max(wished, (needed + allowed - 1) / allowed);
}

}  // namespace portier::teams
