// SPDX-License-Identifier: GPL-3.0-or-later
#include "circuit_presence.h"

#include <algorithm>
#include <cctype>

#include <nlohmann/json.hpp>

#include <portier/kind/presence.h>

#include "json_fields.h"
#include "presence_json.h"
#include "url_text.h"

namespace portier::circuit {
namespace {

std::string upper(std::string_view text) {
   std::string out(text);
   std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
   return out;
}

}  // namespace

PortierPresence map_presence(const CircuitPresence &circuit) {
   PortierPresence out;
   if (circuit.opted_out) return out;  // the user hides presence: unknown, not offline
   const std::string state = upper(circuit.state);
   if (state == "AVAILABLE") {
      out.availability = PORTIER_AVAILABILITY_AVAILABLE;
   } else if (state == "AWAY") {
      out.availability = PORTIER_AVAILABILITY_AWAY;
   } else if (state == "BUSY") {
      out.availability = PORTIER_AVAILABILITY_BUSY;
   } else if (state == "DND") {
      out.availability = PORTIER_AVAILABILITY_DND;
   } else if (state == "OFFLINE") {
      out.availability = PORTIER_AVAILABILITY_OFFLINE;
   } else if (!circuit.state.empty()) {
      out.activity = PORTIER_ACTIVITY_OTHER;
      out.activity_text = circuit.state;
   }
   if (out.activity == PORTIER_ACTIVITY_NONE && (circuit.in_transit || circuit.mobile)) {
      out.activity = PORTIER_ACTIVITY_OTHER;
      out.activity_text = circuit.in_transit ? "in-transit" : "mobile";
   }
   out.note = circuit.status_message;
   return out;
}

std::string presence_url(std::string_view server_url, const std::vector<std::string> &ids) {
   std::string url(server_url);
   url += "/rest/v2/users/presence";
   char sep = '?';
   for (const std::string &id : ids) {
      url += sep;
      url += "userIds=";
      url += http::percent_encode(id);
      sep = '&';
   }
   return url;
}

CircuitPresence presence_from_json(const nlohmann::json &item) {
   CircuitPresence p;
   if (!item.is_object()) return p;
   p.user_id = http::string_at(item, "userId");
   p.state = http::string_at(item, "state");
   p.opted_out = flag_at(item, "isOptedOut");
   p.mobile = flag_at(item, "mobile");
   p.in_transit = flag_at(item, "inTransit");
   p.status_message = http::string_at(item, "statusMessage");
   if (const auto d = item.find("dndUntil"); d != item.end() && d->is_number_integer()) p.dnd_until_ms = d->get<std::int64_t>();
   return p;
}

Result<std::vector<CircuitPresence>> parse_presence_answer(std::string_view body) {
   const nlohmann::json doc = nlohmann::json::parse(body, nullptr, false);
   if (doc.is_discarded() || !doc.is_array()) return portier::error(PORTIER_ERR_INVALID, "presence answer is not a JSON array");
   std::vector<CircuitPresence> out;
   out.reserve(doc.size());
   for (const nlohmann::json &item : doc) {
      CircuitPresence p = presence_from_json(item);
      if (!p.user_id.empty()) out.push_back(std::move(p));
   }
   return out;
}

std::string circuit_error_text(std::string_view body) {
   const nlohmann::json doc = nlohmann::json::parse(body, nullptr, false);
   if (doc.is_discarded() || !doc.is_object()) return {};
   for (const char *key : {"errorDescription", "error_description", "error", "message"}) {
      std::string text = http::string_at(doc, key);
      if (!text.empty()) return text.substr(0, 200);
   }
   return {};
}

}  // namespace portier::circuit
