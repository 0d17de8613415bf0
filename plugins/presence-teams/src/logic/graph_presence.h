// SPDX-License-Identifier: GPL-3.0-or-later
// Graph presence: the getPresencesByUserId body, its answer, and Graph's availability/activity
// mapped to Portier's (docs/protocols/presence-calendar.md §0.1 and §1.6). Values compare case
// insensitively and either field may carry any value of the union, because Graph's own pages
// disagree on casing and on which list belongs to which field.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include <portier/result.hpp>

#include "id_batches.h"
#include "presence_value.h"

namespace portier::teams {

// Graph's cap on ids per getPresencesByUserId request (and per presence subscription).
constexpr std::size_t kMaxIdsPerPresenceRequest = 650;

// What a Portier presence event carries besides its key and time (lib-http's, shared by the
// presence plugins).
using PortierPresence = http::PresenceValue;

// One entry of the answer's `value`.
struct GraphPresence {
   std::string id;
   std::string availability;
   std::string activity;
   std::string status_message;
   bool out_of_office = false;     // outOfOfficeSettings.isOutOfOffice
};

// Maps one Graph presence; an unknown availability value is Unknown, an unknown activity value
// is PORTIER_ACTIVITY_OTHER with its text.
PortierPresence map_presence(const GraphPresence &graph);

// The request body {"ids":[...]}; `ids` must hold 1..kMaxIdsPerPresenceRequest entries.
std::string presence_request_body(const std::vector<std::string> &ids);

// The answer's `value` entries; entries without an id are skipped. Fails (PORTIER_ERR_INVALID)
// when the body is not JSON or has no `value` array.
Result<std::vector<GraphPresence>> parse_presence_answer(std::string_view body);

// `items` cut into consecutive chunks of at most `size` (lib-http's).
using http::chunks_of;

// Graph's error.code from an error body, or "" when there is none.
std::string graph_error_code(std::string_view body);

}  // namespace portier::teams
