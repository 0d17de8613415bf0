// SPDX-License-Identifier: GPL-3.0-or-later
#include "office_token.h"
#include "json_fields.h"

#include <algorithm>
#include <cstdlib>

#include <nlohmann/json.hpp>

#include "url_text.h"

namespace portier::office {
namespace {

std::string base64(std::string_view data) {
   static constexpr char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
   std::string out;
   std::size_t i = 0;
   for (; i + 2 < data.size(); i += 3) {
      const auto n = (std::uint32_t{static_cast<unsigned char>(data[i])} << 16) |
                     (std::uint32_t{static_cast<unsigned char>(data[i + 1])} << 8) |
                     std::uint32_t{static_cast<unsigned char>(data[i + 2])};
      out += {kAlphabet[(n >> 18) & 63], kAlphabet[(n >> 12) & 63], kAlphabet[(n >> 6) & 63], kAlphabet[n & 63]};
   }
   if (i + 1 == data.size()) {
      const auto n = std::uint32_t{static_cast<unsigned char>(data[i])} << 16;
      out += {kAlphabet[(n >> 18) & 63], kAlphabet[(n >> 12) & 63], '=', '='};
   } else if (i + 2 == data.size()) {
      const auto n = (std::uint32_t{static_cast<unsigned char>(data[i])} << 16) |
                     (std::uint32_t{static_cast<unsigned char>(data[i + 1])} << 8);
      out += {kAlphabet[(n >> 18) & 63], kAlphabet[(n >> 12) & 63], kAlphabet[(n >> 6) & 63], '='};
   }
   return out;
}

std::int64_t int_at(const nlohmann::json &doc, const char *name) {
   const auto x = doc.find(name);
   if (x == doc.end()) return 0;
   if (x->is_number_integer()) return x->get<std::int64_t>();
   if (x->is_string()) return std::atoll(x->get<std::string>().c_str());
   return 0;
}

}  // namespace

std::string token_url(const OfficeSettings &settings) { return settings.server_url + "/restapi/oauth/token"; }

std::string basic_auth_header(std::string_view client_id, std::string_view client_secret) {
   std::string pair(client_id);
   pair.push_back(':');
   pair.append(client_secret);
   return "Authorization: Basic " + base64(pair);
}

std::string grant_body(const OfficeSettings &settings, const Credentials &credentials) {
   if (settings.auth_flow == AuthFlow::jwt) {
      return http::form_body({{"grant_type", "urn:ietf:params:oauth:grant-type:jwt-bearer"}, {"assertion", credentials.jwt}});
   }
   std::vector<std::pair<std::string, std::string>> fields = {{"grant_type", "password"}, {"username", settings.user}};
   if (!settings.extension.empty()) fields.emplace_back("extension", settings.extension);
   fields.emplace_back("password", credentials.password);
   return http::form_body(fields);
}

std::string refresh_body(std::string_view refresh_token) {
   return http::form_body({{"grant_type", "refresh_token"}, {"refresh_token", std::string(refresh_token)}});
}

Result<Token> parse_token_answer(std::string_view body) {
   const nlohmann::json doc = nlohmann::json::parse(body, nullptr, false);
   if (doc.is_discarded() || !doc.is_object()) return portier::error(PORTIER_ERR_INVALID, "token answer is not JSON");
   std::string code = http::string_at(doc, "errorCode");
   if (code.empty()) code = http::string_at(doc, "error");
   if (!code.empty()) {
      std::string desc = http::string_at(doc, "error_description");
      if (desc.empty()) desc = http::string_at(doc, "message");
      std::string text = "token refused: " + code;
      if (!desc.empty()) text += " (" + desc.substr(0, std::min(desc.find_first_of("\r\n"), std::size_t{200})) + ")";
      return portier::error(PORTIER_ERR_INVALID, std::move(text));
   }
   Token t;
   t.access_token = http::string_at(doc, "access_token");
   t.lifetime_s = int_at(doc, "expires_in");
   t.refresh_token = http::string_at(doc, "refresh_token");
   t.refresh_lifetime_s = int_at(doc, "refresh_token_expires_in");
   if (t.access_token.empty() || t.lifetime_s <= 0) {
      return portier::error(PORTIER_ERR_INVALID, "token answer without access_token or expires_in");
   }
   return t;
}

}  // namespace portier::office
