// SPDX-License-Identifier: GPL-3.0-or-later
// E-mail -> user object id through JSON batching: one POST /$batch carries at most 20 user
// look-ups (Graph's batch limit); each sub-answer is judged on its own, so one unknown address
// does not fail its neighbours.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <portier/result.hpp>

#include "teams_settings.h"

namespace portier::teams {

constexpr std::size_t kMaxBatchRequests = 20;

// The $batch body for `mails` (1..kMaxBatchRequests); sub-request ids are the positions "0".."19".
std::string lookup_batch_body(const std::vector<std::string> &mails, EmailLookup how);

enum class LookupOutcome {
   found,      // id holds the object id
   not_found,  // 404, or a filter that matched nobody: the address is unknown to the tenant
   retry       // throttled, transient or unreadable: ask again later
};

struct LookupAnswer {
   LookupOutcome outcome = LookupOutcome::retry;
   std::string id;
   std::optional<double> retry_after;  // seconds, from a throttled sub-answer's headers
};

// One answer per mail, in the order of the request. Fails (PORTIER_ERR_INVALID) when the body
// is not a batch answer; sub-answers missing from it come back as retry.
Result<std::vector<LookupAnswer>> parse_lookup_batch(std::string_view body, std::size_t count);

}  // namespace portier::teams
