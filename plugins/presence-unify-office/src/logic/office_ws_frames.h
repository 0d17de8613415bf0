// SPDX-License-Identifier: GPL-3.0-or-later
// RingCentral's WebSocket notification channel (docs/protocols/presence-calendar.md §2.4): the
// wstoken answer and the URL it gives, and the frames, each a JSON array [header, body]:
// ConnectionDetails (wsc token, recoveryState), the tunnelled subscription (ClientRequest),
// ServerNotification with a presence body, and Heartbeat.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include <portier/result.hpp>

#include "office_presence.h"

namespace portier::office {

// The account-wide presence event filter (needs ReadAccounts, which the listing needs anyway).
constexpr const char *kAccountPresenceFilter = "/restapi/v1.0/account/~/presence?detailedTelephonyState=true";

struct WsToken {
   std::string token;   // ws_access_token, single use
   std::string uri;     // wss://ws-xx.ringcentral.com/ws
};

// The answer of POST /restapi/oauth/wstoken. Fails (PORTIER_ERR_INVALID) without both fields. [any]
Result<WsToken> parse_wstoken_answer(std::string_view body);

// `uri` with access_token, and wsc when recovering a session (both percent-encoded). [any]
std::string ws_connect_url(const WsToken &token, std::string_view wsc);

// One per-extension filter per id, or the account-wide filter alone. [any]
std::vector<std::string> presence_filters(const std::vector<std::string> &ids, bool account_wide);

// [{"type":"ClientRequest","messageId":id,"method":"POST","path":"/restapi/v1.0/subscription/"},
//  {"eventFilters":[...],"deliveryMode":{"transportType":"WebSocket"}}] [any]
std::string subscribe_frame(std::string_view message_id, const std::vector<std::string> &filters);

// [{"type":"Heartbeat","messageId":id}] [any]
std::string heartbeat_frame(std::string_view message_id);

// A presence notification: which extension, its per-extension sequence, and the fields it
// carried ("" = absent; telephonyStatus comes only when it changed).
struct PresenceNotice {
   std::string extension_id;
   std::int64_t sequence = -1;   // -1 when the body had none
   OfficePresence presence;
};

struct WsFrame {
   enum class Type { connection_details, client_request, server_notification, heartbeat, error, other };
   Type type = Type::other;
   int status = 0;                 // header status (0 when absent)
   std::string message_id;
   std::string wsc_token;          // ConnectionDetails: header wsc.token
   std::string recovery_state;     // ConnectionDetails: body recoveryState ("" on a new session)
   std::string error_code;         // body errorCode of a failed request or an Error frame
   PresenceNotice notice;          // ServerNotification with an extensionId in its body
   bool has_notice = false;
};

// Parses one text frame. Fails (PORTIER_ERR_INVALID) on anything but an array whose first
// element is an object with a string `type`. [any]
Result<WsFrame> parse_ws_frame(std::string_view text);

}  // namespace portier::office
