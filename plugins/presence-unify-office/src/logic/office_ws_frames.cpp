// SPDX-License-Identifier: GPL-3.0-or-later
#include "office_ws_frames.h"
#include "json_fields.h"
#include "office_ids.h"

#include <nlohmann/json.hpp>

#include "url_text.h"

namespace portier::office {
namespace {

constexpr std::size_t kFrameMax = 4u << 20;  // a presence notification is a few kB

WsFrame::Type type_of(const std::string &t) {
   if (t == "ConnectionDetails") return WsFrame::Type::connection_details;
   if (t == "ClientRequest") return WsFrame::Type::client_request;
   if (t == "ServerNotification") return WsFrame::Type::server_notification;
   if (t == "Heartbeat") return WsFrame::Type::heartbeat;
   if (t == "Error") return WsFrame::Type::error;
   return WsFrame::Type::other;
}

}  // namespace

Result<WsToken> parse_wstoken_answer(std::string_view body) {
   const auto doc = nlohmann::json::parse(body, nullptr, false);
   if (!doc.is_object()) return portier::error(PORTIER_ERR_INVALID, "wstoken answer is not a JSON object");
   WsToken t;
   t.token = http::string_at(doc, "ws_access_token");
   t.uri = http::string_at(doc, "uri");
   if (t.token.empty() || (t.uri.rfind("wss://", 0) != 0 && t.uri.rfind("ws://", 0) != 0)) {
      return portier::error(PORTIER_ERR_INVALID, "wstoken answer lacks ws_access_token or a ws(s):// uri");
   }
   return t;
}

std::string ws_connect_url(const WsToken &token, std::string_view wsc) {
   std::string url = token.uri + (token.uri.find('?') == std::string::npos ? "?" : "&") +
                     "access_token=" + http::percent_encode(token.token);
   if (!wsc.empty()) url += "&wsc=" + http::percent_encode(wsc);
   return url;
}

std::vector<std::string> presence_filters(const std::vector<std::string> &ids, bool account_wide) {
   if (account_wide) return {kAccountPresenceFilter};
   std::vector<std::string> out;
   out.reserve(ids.size());
   for (const std::string &id : ids) out.push_back("/restapi/v1.0/account/~/extension/" + id + "/presence?detailedTelephonyState=true");
   return out;
}

std::string subscribe_frame(std::string_view message_id, const std::vector<std::string> &filters) {
   nlohmann::json frame = nlohmann::json::array();
   frame.push_back({{"type", "ClientRequest"}, {"messageId", message_id}, {"method", "POST"}, {"path", "/restapi/v1.0/subscription/"}});
   frame.push_back({{"eventFilters", filters}, {"deliveryMode", {{"transportType", "WebSocket"}}}});
   return frame.dump();
}

std::string heartbeat_frame(std::string_view message_id) {
   nlohmann::json frame = nlohmann::json::array();
   frame.push_back({{"type", "Heartbeat"}, {"messageId", message_id}});
   return frame.dump();
}

Result<WsFrame> parse_ws_frame(std::string_view text) {
   if (text.size() > kFrameMax) return portier::error(PORTIER_ERR_INVALID, "WebSocket frame too long");
   const auto doc = nlohmann::json::parse(text, nullptr, false);
   if (!doc.is_array() || doc.empty() || !doc[0].is_object()) {
      return portier::error(PORTIER_ERR_INVALID, "WebSocket frame is not [header, body]");
   }
   const nlohmann::json &head = doc[0];
   const std::string type = http::string_at(head, "type");
   if (type.empty()) return portier::error(PORTIER_ERR_INVALID, "WebSocket frame header has no type");
   WsFrame f;
   f.type = type_of(type);
   f.message_id = http::string_at(head, "messageId");
   if (const auto s = head.find("status"); s != head.end() && s->is_number_integer()) f.status = s->get<int>();
   if (const auto w = head.find("wsc"); w != head.end() && w->is_object()) f.wsc_token = http::string_at(*w, "token");
   static const nlohmann::json kEmpty = nlohmann::json::object();
   const nlohmann::json &body = doc.size() > 1 && doc[1].is_object() ? doc[1] : kEmpty;
   f.recovery_state = http::string_at(body, "recoveryState");
   f.error_code = http::string_at(body, "errorCode");
   if (f.type == WsFrame::Type::server_notification) {
      const auto inner = body.find("body");
      if (inner != body.end() && inner->is_object()) {
         if (const auto id = inner->find("extensionId"); id != inner->end()) f.notice.extension_id = id_text(*id);
         if (const auto seq = inner->find("sequence"); seq != inner->end() && seq->is_number_integer()) {
            f.notice.sequence = seq->get<std::int64_t>();
         }
         f.notice.presence.presence_status = http::string_at(*inner, "presenceStatus");
         f.notice.presence.dnd_status = http::string_at(*inner, "dndStatus");
         f.notice.presence.telephony_status = http::string_at(*inner, "telephonyStatus");
         f.notice.presence.meeting_status = http::string_at(*inner, "meetingStatus");
         f.notice.presence.message = http::string_at(*inner, "message");
         f.has_notice = !f.notice.extension_id.empty();
      }
   }
   return f;
}

}  // namespace portier::office
