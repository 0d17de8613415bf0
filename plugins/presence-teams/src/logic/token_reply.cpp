// SPDX-License-Identifier: GPL-3.0-or-later
#include "token_reply.h"

#include <algorithm>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

namespace portier::teams {
namespace {

std::string form_encode(std::string_view text) {
   static constexpr char kHex[] = "0123456789ABCDEF";
   std::string out;
   for (const char ch : text) {
      const auto c = static_cast<unsigned char>(ch);
      if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.' ||
          c == '_' || c == '~') {
         out.push_back(ch);
      } else {
         out += {'%', kHex[c >> 4], kHex[c & 15]};
      }
   }
   return out;
}

}  // namespace

std::string token_url(const TeamsSettings &settings) {
   return settings.login_url + "/" + settings.tenant_id + "/oauth2/v2.0/token";
}

std::string token_request_body(const TeamsSettings &settings, const TokenCredentials &credentials) {
   std::vector<std::pair<std::string, std::string>> fields;
   if (settings.auth_flow == AuthFlow::client_credentials) {
      fields = {{"grant_type", "client_credentials"},
                {"client_id", settings.client_id},
                {"client_secret", credentials.client_secret},
                {"scope", kAppScope}};
   } else {
      fields = {{"grant_type", "password"},
                {"client_id", settings.client_id},
                {"username", settings.user},
                {"password", credentials.password},
                {"scope", kUserScope}};
      if (!credentials.client_secret.empty()) fields.emplace_back("client_secret", credentials.client_secret);
   }
   std::string out;
   for (const auto &[name, value] : fields) {
      if (!out.empty()) out.push_back('&');
      out += name + "=" + form_encode(value);
   }
   return out;
}

Result<Token> parse_token_answer(std::string_view body) {
   const nlohmann::json doc = nlohmann::json::parse(body, nullptr, false);
   if (doc.is_discarded() || !doc.is_object()) return portier::error(PORTIER_ERR_INVALID, "token answer is not JSON");
   if (const auto e = doc.find("error"); e != doc.end() && e->is_string()) {
      std::string text = "token refused: " + e->get<std::string>();
      if (const auto d = doc.find("error_description"); d != doc.end() && d->is_string()) {
         // the first line names the AADSTS code and reason; the rest is trace ids
         const std::string desc = d->get<std::string>();
         text += " (" + desc.substr(0, std::min(desc.find_first_of("\r\n"), std::size_t{200})) + ")";
      }
      return portier::error(PORTIER_ERR_INVALID, std::move(text));
   }
   Token t;
   if (const auto a = doc.find("access_token"); a != doc.end() && a->is_string()) t.access_token = a->get<std::string>();
   if (const auto x = doc.find("expires_in"); x != doc.end()) {
      if (x->is_number_integer()) t.lifetime_s = x->get<std::int64_t>();
      // some proxies of the v1 endpoint send it as a string
      if (x->is_string()) t.lifetime_s = std::atoll(x->get<std::string>().c_str());
   }
   if (t.access_token.empty() || t.lifetime_s <= 0) {
      return portier::error(PORTIER_ERR_INVALID, "token answer without access_token or expires_in");
   }
   return t;
}

}  // namespace portier::teams
