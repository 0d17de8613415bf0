// SPDX-License-Identifier: GPL-3.0-or-later
// Circuit's WebSocket event channel, as the SDK's source shows it (docs/protocols/presence-
// calendar.md §3.4; undocumented by Circuit): where to connect, the SUBSCRIBE_PRESENCE request,
// and the RESPONSE and USER_PRESENCE_CHANGE / TENANT_PRESENCE_CHANGE frames.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include <portier/result.hpp>

#include "circuit_presence.h"

namespace portier::circuit {

struct PushTarget {
   bool tls = true;      // wss (https server URL) or ws (http, test set-ups)
   std::string host;
   std::string port;     // "443"/"80" unless the URL names one
   std::string target;   // "/api?accessToken=<token, percent-encoded>"
};

// The WebSocket endpoint for `server_url` ("https://host[:port]", no path). Fails
// (PORTIER_ERR_INVALID) for a URL with a path or without a host. [any]
Result<PushTarget> push_target(std::string_view server_url, std::string_view token);

// {"msgType":"REQUEST","request":{"requestId":N,"type":"USER","user":{"type":"SUBSCRIBE_PRESENCE",
// "subscribePresence":{"userIds":[...]}}}} [any]
std::string subscribe_frame(std::int64_t request_id, const std::vector<std::string> &ids);

struct PushFrame {
   enum class Kind { response, presence, other };
   Kind kind = Kind::other;
   std::int64_t request_id = 0;           // response
   std::string code;                      // response: OK, NO_RESULT, MAX_PRESENCE_SUBSCRIPTIONS, ...
   std::vector<CircuitPresence> states;   // response (subscribePresence.states) or presence event
};

// One text frame. Fails (PORTIER_ERR_INVALID) when it is not a JSON object with msgType; frames
// of other types and events other than presence changes are Kind::other. [any]
Result<PushFrame> parse_push_frame(std::string_view text);

}  // namespace portier::circuit
