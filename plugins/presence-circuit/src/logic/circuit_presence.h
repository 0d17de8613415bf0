// SPDX-License-Identifier: GPL-3.0-or-later
// Circuit presence: the bulk read's URL, its answer (an array of Presence objects, REST v2) and
// Circuit's state mapped to Portier's (docs/protocols/presence-calendar.md §0.1 and §3.2).
// States compare case-insensitively; an unknown state is Unknown with its raw text kept.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include <portier/result.hpp>

#include "id_batches.h"
#include "presence_value.h"

namespace portier::circuit {

// What a Portier presence event carries besides its key and time (lib-http's, shared by the
// presence plugins).
using PortierPresence = http::PresenceValue;

// One entry of GET /users/presence.
struct CircuitPresence {
   std::string user_id;
   std::string state;              // AVAILABLE, AWAY, BUSY, DND, OFFLINE as sent
   bool opted_out = false;         // isOptedOut: the user hides presence -> Unknown
   bool mobile = false;
   bool in_transit = false;
   std::string status_message;
   std::int64_t dnd_until_ms = 0;  // epoch ms, 0 when absent
};

// Maps one Circuit presence: the five states onto the availability of the same name, the
// mobile/inTransit flags onto PORTIER_ACTIVITY_OTHER with "mobile" / "in-transit" (both:
// "in-transit"), isOptedOut onto Unknown without activity or note.
PortierPresence map_presence(const CircuitPresence &circuit);

// "{server_url}/rest/v2/users/presence?userIds=a&userIds=b" (the array parameter repeated, each
// value percent-encoded). `ids` must not be empty.
std::string presence_url(std::string_view server_url, const std::vector<std::string> &ids);

// The answer's entries; entries without userId are skipped. Fails (PORTIER_ERR_INVALID) when
// the body is not a JSON array.
Result<std::vector<CircuitPresence>> parse_presence_answer(std::string_view body);

// `items` cut into consecutive chunks of at most `size` (lib-http's).
using http::chunks_of;

// Circuit's error text from an error body (errorDescription, error_description, error or
// message), or "" when there is none.
std::string circuit_error_text(std::string_view body);

}  // namespace portier::circuit
