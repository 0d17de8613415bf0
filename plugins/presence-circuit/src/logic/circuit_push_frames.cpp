// SPDX-License-Identifier: GPL-3.0-or-later
#include "circuit_push_frames.h"

#include <nlohmann/json.hpp>

#include "json_fields.h"
#include "presence_json.h"
#include "url_text.h"

namespace portier::circuit {
namespace {

void add_states(const nlohmann::json &value, std::vector<CircuitPresence> &out) {
   if (value.is_object()) {
      CircuitPresence p = presence_from_json(value);
      if (!p.user_id.empty()) out.push_back(std::move(p));
   } else if (value.is_array()) {
      for (const nlohmann::json &item : value) add_states(item.is_object() ? item : nlohmann::json(), out);
   }
}

}  // namespace

Result<PushTarget> push_target(std::string_view server_url, std::string_view token) {
   PushTarget t;
   std::string_view rest;
   if (server_url.rfind("https://", 0) == 0) {
      rest = server_url.substr(8);
      t.port = "443";
   } else if (server_url.rfind("http://", 0) == 0) {
      rest = server_url.substr(7);
      t.tls = false;
      t.port = "80";
   } else {
      return portier::error(PORTIER_ERR_INVALID, "server URL is not http(s)");
   }
   if (rest.empty() || rest.find('/') != std::string_view::npos || rest.find('@') != std::string_view::npos) {
      return portier::error(PORTIER_ERR_INVALID, "server URL has a path or user info; the event channel needs scheme://host[:port]");
   }
   if (rest.front() == '[') {  // [::1]:port
      const auto close = rest.find(']');
      if (close == std::string_view::npos) return portier::error(PORTIER_ERR_INVALID, "server URL has a broken IPv6 address");
      t.host = std::string(rest.substr(1, close - 1));
      if (close + 1 < rest.size() && rest[close + 1] == ':') t.port = std::string(rest.substr(close + 2));
   } else if (const auto colon = rest.find(':'); colon != std::string_view::npos) {
      t.host = std::string(rest.substr(0, colon));
      t.port = std::string(rest.substr(colon + 1));
   } else {
      t.host = std::string(rest);
   }
   if (t.host.empty() || t.port.empty()) return portier::error(PORTIER_ERR_INVALID, "server URL has no host or port");
   t.target = "/api?accessToken=" + http::percent_encode(token);
   return t;
}

std::string subscribe_frame(std::int64_t request_id, const std::vector<std::string> &ids) {
   const nlohmann::json frame = {
       {"msgType", "REQUEST"},
       {"request",
        {{"requestId", request_id},
         {"type", "USER"},
         {"user", {{"type", "SUBSCRIBE_PRESENCE"}, {"subscribePresence", {{"userIds", ids}}}}}}}};
   return frame.dump();
}

Result<PushFrame> parse_push_frame(std::string_view text) {
   const nlohmann::json doc = nlohmann::json::parse(text, nullptr, false);
   if (doc.is_discarded() || !doc.is_object()) return portier::error(PORTIER_ERR_INVALID, "frame is not a JSON object");
   const std::string type = http::string_at(doc, "msgType");
   if (type.empty()) return portier::error(PORTIER_ERR_INVALID, "frame has no msgType");
   PushFrame out;
   if (type == "RESPONSE") {
      const nlohmann::json *r = object_at(doc, "response");
      if (r == nullptr) return portier::error(PORTIER_ERR_INVALID, "RESPONSE without response");
      out.kind = PushFrame::Kind::response;
      if (const auto id = r->find("requestId"); id != r->end() && id->is_number_integer()) out.request_id = id->get<std::int64_t>();
      out.code = http::string_at(*r, "code");
      if (const nlohmann::json *u = object_at(*r, "user")) {
         if (const nlohmann::json *sp = object_at(*u, "subscribePresence")) {
            if (const auto states = sp->find("states"); states != sp->end()) add_states(*states, out.states);
         }
      }
      return out;
   }
   if (type != "EVENT") return out;
   const nlohmann::json *e = object_at(doc, "event");
   const nlohmann::json *u = e == nullptr ? nullptr : object_at(*e, "user");
   if (u == nullptr) return out;
   const std::string kind = http::string_at(*u, "type");
   const char *holder = kind == "USER_PRESENCE_CHANGE"     ? "presenceChanged"
                        : kind == "TENANT_PRESENCE_CHANGE" ? "tenantPresenceChanged"
                                                           : nullptr;
   if (holder == nullptr) return out;
   if (const nlohmann::json *changed = object_at(*u, holder)) {
      if (const auto state = changed->find("newState"); state != changed->end()) add_states(*state, out.states);
   }
   out.kind = PushFrame::Kind::presence;
   return out;
}

}  // namespace portier::circuit
