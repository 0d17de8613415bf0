// SPDX-License-Identifier: GPL-3.0-or-later
#include "ucwa_links.h"

#include <algorithm>
#include <utility>

#include <nlohmann/json.hpp>

#include "json_fields.h"
#include "url_text.h"

namespace portier::skype {
namespace {

// doc._links.<rel>.href, or "".
std::string link(const nlohmann::json &doc, const char *rel) {
   const auto links = doc.find("_links");
   if (links == doc.end() || !links->is_object()) return {};
   const auto it = links->find(rel);
   return it != links->end() && it->is_object() ? http::string_at(*it, "href") : std::string();
}

nlohmann::json parse_object(std::string_view body) {
   nlohmann::json doc = nlohmann::json::parse(body, nullptr, false);
   return doc.is_object() ? doc : nlohmann::json();
}

}  // namespace

std::string resolve_href(std::string_view base, std::string_view href) {
   if (href.find("://") != std::string_view::npos) return std::string(href);
   const std::size_t scheme = base.find("://");
   if (scheme == std::string_view::npos) return std::string(href);
   const std::size_t path = base.find('/', scheme + 3);
   const std::string_view origin = base.substr(0, path);
   if (!href.empty() && href.front() == '/') return std::string(origin) + std::string(href);
   std::string_view dir = path == std::string_view::npos ? std::string_view() : base.substr(path);
   dir = dir.substr(0, dir.find_first_of("?#"));
   dir = dir.substr(0, dir.rfind('/') + 1);
   return std::string(origin) + (dir.empty() ? "/" : std::string(dir)) + std::string(href);
}

Result<ResourceLinks> parse_resource_links(std::string_view body) {
   const nlohmann::json doc = parse_object(body);
   if (!doc.is_object()) return portier::error(PORTIER_ERR_INVALID, "answer is not a JSON object");
   return ResourceLinks{link(doc, "user"), link(doc, "redirect"), link(doc, "applications")};
}

Result<OAuthChallenge> parse_oauth_challenge(std::string_view header) {
   // several challenges may share the header ("Negotiate, MsRtcOAuth href=...")
   const std::size_t start = header.find("MsRtcOAuth");
   if (start == std::string_view::npos) return portier::error(PORTIER_ERR_INVALID, "no MsRtcOAuth challenge");
   OAuthChallenge out;
   std::string_view rest = header.substr(start + 10);
   for (int guard = 0; guard < 16 && !rest.empty(); ++guard) {
      const std::size_t eq = rest.find('=');
      if (eq == std::string_view::npos) break;
      std::string_view name = rest.substr(0, eq);
      while (!name.empty() && (name.front() == ' ' || name.front() == ',')) name.remove_prefix(1);
      while (!name.empty() && name.back() == ' ') name.remove_suffix(1);
      rest.remove_prefix(eq + 1);
      std::string_view value;
      if (!rest.empty() && rest.front() == '"') {
         const std::size_t close = rest.find('"', 1);
         if (close == std::string_view::npos) return portier::error(PORTIER_ERR_INVALID, "unterminated quoted value");
         value = rest.substr(1, close - 1);
         rest.remove_prefix(close + 1);
      } else {
         const std::size_t comma = rest.find(',');
         value = rest.substr(0, comma);
         rest.remove_prefix(comma == std::string_view::npos ? rest.size() : comma);
      }
      if (name == "href") out.token_url = std::string(value);
      if (name == "grant_type") {
         for (std::size_t pos = 0; pos <= value.size();) {
            const std::size_t comma = std::min(value.find(',', pos), value.size());
            if (value.substr(pos, comma - pos) == "password") out.password_grant = true;
            pos = comma + 1;
         }
      }
   }
   if (out.token_url.empty()) return portier::error(PORTIER_ERR_INVALID, "MsRtcOAuth challenge without href");
   return out;
}

std::string password_grant_body(std::string_view user, std::string_view password) {
   return http::form_body({{"grant_type", "password"}, {"username", std::string(user)}, {"password", std::string(password)}});
}

Result<Token> parse_token_answer(std::string_view body) {
   const nlohmann::json doc = parse_object(body);
   if (!doc.is_object()) return portier::error(PORTIER_ERR_INVALID, "token answer is not JSON");
   if (const std::string e = http::string_at(doc, "error"); !e.empty()) {
      return portier::error(PORTIER_ERR_INVALID, "token refused: " + e.substr(0, 64));
   }
   Token t;
   t.access_token = http::string_at(doc, "access_token");
   if (const auto x = doc.find("expires_in"); x != doc.end()) {
      if (x->is_number_integer()) t.lifetime_s = x->get<std::int64_t>();
      if (x->is_string()) t.lifetime_s = std::atoll(x->get<std::string>().c_str());
   }
   if (t.access_token.empty() || t.lifetime_s <= 0) {
      return portier::error(PORTIER_ERR_INVALID, "token answer without access_token or expires_in");
   }
   return t;
}

std::string application_request_body(std::string_view user_agent, std::string_view endpoint_id,
                                     std::string_view culture) {
   return nlohmann::json{{"UserAgent", user_agent}, {"EndpointId", endpoint_id}, {"Culture", culture}}.dump();
}

Result<ApplicationLinks> parse_application(std::string_view body) {
   const nlohmann::json doc = parse_object(body);
   if (!doc.is_object()) return portier::error(PORTIER_ERR_INVALID, "application answer is not a JSON object");
   ApplicationLinks out{link(doc, "self"), link(doc, "events"), link(doc, "batch"), {}};
   if (const auto embedded = doc.find("_embedded"); embedded != doc.end() && embedded->is_object()) {
      if (const auto people = embedded->find("people"); people != embedded->end() && people->is_object()) {
         out.presence_subscriptions = link(*people, "presenceSubscriptions");
      }
   }
   if (out.self.empty() || out.events.empty() || out.batch.empty() || out.presence_subscriptions.empty()) {
      return portier::error(PORTIER_ERR_INVALID,
                            "application answer lacks self, events, batch or people.presenceSubscriptions");
   }
   return out;
}

std::string subscription_request_body(int minutes, const std::vector<std::string> &uris) {
   return nlohmann::json{{"duration", minutes}, {"uris", uris}}.dump();
}

Result<SubscriptionLinks> parse_subscription(std::string_view body) {
   const nlohmann::json doc = parse_object(body);
   if (!doc.is_object()) return portier::error(PORTIER_ERR_INVALID, "subscription answer is not a JSON object");
   SubscriptionLinks out{http::string_at(doc, "id"), link(doc, "self"), link(doc, "addToPresenceSubscription")};
   if (out.self.empty() || out.add.empty()) {
      return portier::error(PORTIER_ERR_INVALID, "subscription answer lacks self or addToPresenceSubscription");
   }
   return out;
}

std::string ucwa_error_code(std::string_view body) {
   const nlohmann::json doc = parse_object(body);
   if (!doc.is_object()) return {};
   const std::string code = http::string_at(doc, "code");
   const std::string sub = http::string_at(doc, "subcode");
   if (code.empty()) return sub;
   return sub.empty() ? code : code + "/" + sub;
}

}  // namespace portier::skype
