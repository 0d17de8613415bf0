// SPDX-License-Identifier: GPL-3.0-or-later
#include "graph_subscription.h"

#include <algorithm>
#include <charconv>
#include <cstdio>
#include <ctime>

#include <nlohmann/json.hpp>

#include "json_fields.h"

namespace portier::teams {
namespace {

bool digits(std::string_view text, std::size_t at, std::size_t n, int &out) {
   if (at + n > text.size()) return false;
   const auto [end, ec] = std::from_chars(text.data() + at, text.data() + at + n, out);
   return ec == std::errc() && end == text.data() + at + n;
}

}  // namespace

std::string subscription_resource(const std::vector<std::string> &ids) {
   std::string out = "/communications/presences?$filter=id in (";
   for (std::size_t i = 0; i < ids.size(); ++i) {
      if (i != 0) out += ',';
      out += '\'';
      for (const char c : ids[i]) {
         out += c;
         if (c == '\'') out += '\'';
      }
      out += '\'';
   }
   return out + ")";
}

std::string subscription_create_body(const SubscriptionRequest &request) {
   nlohmann::json body = {{"changeType", "updated"},
                          {"notificationUrl", request.notification_url},
                          {"lifecycleNotificationUrl", request.lifecycle_url},
                          {"resource", request.resource},
                          {"expirationDateTime", graph_utc_text(request.expiry_unix_s)},
                          {"clientState", request.client_state},
                          {"includeResourceData", false}};
   return body.dump();
}

std::string subscription_renew_body(std::int64_t expiry_unix_s) {
   return nlohmann::json{{"expirationDateTime", graph_utc_text(expiry_unix_s)}}.dump();
}

Result<SubscriptionAnswer> parse_subscription_answer(std::string_view body) {
   const nlohmann::json doc = nlohmann::json::parse(body, nullptr, false);
   if (doc.is_discarded() || !doc.is_object()) return portier::error(PORTIER_ERR_INVALID, "subscription answer is not a JSON object");
   SubscriptionAnswer out;
   out.id = http::string_at(doc, "id");
   if (out.id.empty()) return portier::error(PORTIER_ERR_INVALID, "subscription answer has no id");
   const auto expiry = parse_graph_utc(http::string_at(doc, "expirationDateTime"));
   if (!expiry) return portier::error(PORTIER_ERR_INVALID, "subscription answer has no readable expirationDateTime");
   out.expiry_unix_s = *expiry;
   return out;
}

std::string graph_utc_text(std::int64_t unix_s) {
   const std::time_t t = static_cast<std::time_t>(unix_s);
   std::tm tm{};
   gmtime_r(&t, &tm);
   char buf[96];  // room for any int the compiler can imagine
   std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d.0000000Z", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday,
                 tm.tm_hour, tm.tm_min, tm.tm_sec);
   return buf;
}

std::optional<std::int64_t> parse_graph_utc(std::string_view text) {
   int year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0;
   if (text.size() < 20 || text[4] != '-' || text[7] != '-' || text[10] != 'T' || text[13] != ':' || text[16] != ':') {
      return std::nullopt;
   }
   if (!digits(text, 0, 4, year) || !digits(text, 5, 2, month) || !digits(text, 8, 2, day) || !digits(text, 11, 2, hour) ||
       !digits(text, 14, 2, minute) || !digits(text, 17, 2, second)) {
      return std::nullopt;
   }
   std::string_view rest = text.substr(19);
   if (!rest.empty() && rest.front() == '.') {
      rest.remove_prefix(1);
      std::size_t n = 0;
      while (n < rest.size() && n < 12 && rest[n] >= '0' && rest[n] <= '9') ++n;
      if (n == 0) return std::nullopt;
      rest.remove_prefix(n);
   }
   if (rest != "Z" && rest != "+00:00") return std::nullopt;
   if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 60) return std::nullopt;
   std::tm tm{};
   tm.tm_year = year - 1900;
   tm.tm_mon = month - 1;
   tm.tm_mday = day;
   tm.tm_hour = hour;
   tm.tm_min = minute;
   tm.tm_sec = second;
   return static_cast<std::int64_t>(timegm(&tm));
}

Result<std::vector<WebhookItem>> parse_webhook_body(std::string_view body) {
   const nlohmann::json doc = nlohmann::json::parse(body, nullptr, false);
   if (doc.is_discarded() || !doc.is_object()) return portier::error(PORTIER_ERR_INVALID, "delivery is not a JSON object");
   const auto value = doc.find("value");
   if (value == doc.end() || !value->is_array()) return portier::error(PORTIER_ERR_INVALID, "delivery has no value array");
   std::vector<WebhookItem> out;
   out.reserve(value->size());
   for (const nlohmann::json &item : *value) {
      if (!item.is_object()) continue;
      WebhookItem w;
      w.subscription_id = http::string_at(item, "subscriptionId");
      w.client_state = http::string_at(item, "clientState");
      w.lifecycle_event = http::string_at(item, "lifecycleEvent");
      if (const auto data = item.find("resourceData"); data != item.end() && data->is_object()) {
         w.user_id = http::string_at(*data, "id");
      }
      if (w.user_id.empty() && w.lifecycle_event.empty()) {
         const std::string resource = http::string_at(item, "resource");
         const std::size_t slash = resource.rfind('/');
         if (slash != std::string::npos) w.user_id = resource.substr(slash + 1);
      }
      out.push_back(std::move(w));
   }
   return out;
}

std::int64_t renew_at_unix_s(std::int64_t now_unix_s, std::int64_t expiry_unix_s, std::int64_t margin_s) {
   const std::int64_t lifetime = std::max<std::int64_t>(0, expiry_unix_s - now_unix_s);
   return expiry_unix_s - std::min(margin_s, lifetime / 2);
}

}  // namespace portier::teams
