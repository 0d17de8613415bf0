// SPDX-License-Identifier: GPL-3.0-or-later
#include "circuit_token.h"

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <limits>

#include <nlohmann/json.hpp>

#include "json_fields.h"
#include "presence_json.h"
#include "token_timing.h"
#include "url_text.h"

namespace portier::circuit {
namespace {

std::string base64(std::string_view in) {
   static constexpr char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
   std::string out;
   out.reserve((in.size() + 2) / 3 * 4);
   std::size_t i = 0;
   for (; i + 3 <= in.size(); i += 3) {
      const auto n = (static_cast<unsigned char>(in[i]) << 16) | (static_cast<unsigned char>(in[i + 1]) << 8) |
                     static_cast<unsigned char>(in[i + 2]);
      out += kAlphabet[(n >> 18) & 63];
      out += kAlphabet[(n >> 12) & 63];
      out += kAlphabet[(n >> 6) & 63];
      out += kAlphabet[n & 63];
   }
   if (const std::size_t rest = in.size() - i; rest > 0) {
      const auto n = (static_cast<unsigned char>(in[i]) << 16) | (rest == 2 ? static_cast<unsigned char>(in[i + 1]) << 8 : 0);
      out += kAlphabet[(n >> 18) & 63];
      out += kAlphabet[(n >> 12) & 63];
      out += rest == 2 ? kAlphabet[(n >> 6) & 63] : '=';
      out += '=';
   }
   return out;
}

}  // namespace

std::string basic_auth_header(std::string_view client_id, std::string_view client_secret) {
   std::string pair(client_id);
   pair += ':';
   pair += client_secret;
   return "Authorization: Basic " + base64(pair);
}

std::string token_request_body(std::string_view scope) {
   return http::form_body({{"grant_type", "client_credentials"}, {"scope", std::string(scope)}});
}

Result<Token> parse_token_answer(std::string_view body) {
   const nlohmann::json doc = nlohmann::json::parse(body, nullptr, false);
   if (doc.is_discarded() || !doc.is_object()) return portier::error(PORTIER_ERR_INVALID, "token answer is not a JSON object");
   Token t;
   t.access_token = http::string_at(doc, "access_token");
   if (t.access_token.empty()) {
      const std::string e = http::string_at(doc, "error");
      const std::string d = http::string_at(doc, "error_description");
      return portier::error(PORTIER_ERR_INVALID, "no access_token" + (e.empty() ? "" : ": " + e) +
                                                     (d.empty() ? "" : " (" + d.substr(0, 200) + ")"));
   }
   std::string type = http::string_at(doc, "token_type");
   std::transform(type.begin(), type.end(), type.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
   if (type != "bearer") return portier::error(PORTIER_ERR_INVALID, "token_type is '" + type.substr(0, 40) + "', not Bearer");
   if (const auto x = doc.find("expires_in"); x != doc.end()) {
      if (x->is_number_integer()) t.lifetime_s = x->get<std::int64_t>();
      if (x->is_string()) t.lifetime_s = std::atoll(x->get<std::string>().c_str());
      t.lifetime_s = std::max<std::int64_t>(0, t.lifetime_s);
   }
   return t;
}

std::int64_t token_renew_at_us(const Token &token, std::int64_t received_us, int margin_s) {
   if (token.lifetime_s <= 0) return std::numeric_limits<std::int64_t>::max();
   return http::renew_at_us(received_us, token.lifetime_s, margin_s);
}

std::int64_t poll_interval_us(std::size_t users, std::size_t batch, int wished_seconds, int requests_per_minute) {
   const std::int64_t wished = static_cast<std::int64_t>(wished_seconds) * 1'000'000;
   if (users == 0 || batch == 0 || requests_per_minute <= 0) return wished;
   const auto requests = static_cast<std::int64_t>((users + batch - 1) / batch);
   return std::max(wished, requests * 60'000'000 / requests_per_minute);
}

}  // namespace portier::circuit
