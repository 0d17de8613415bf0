// SPDX-License-Identifier: GPL-3.0-or-later
// The bot's client-credentials token (POST {server}/oauth/token, HTTP Basic client id and
// secret, comma-separated scope), how long it may be used, and the polling budget. Circuit's
// bot tokens may come without expires_in ("Time to live: Forever"); such a token is kept until a
// 401.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include <portier/result.hpp>

namespace portier::circuit {

// "Authorization: Basic base64(client_id:client_secret)". [any]
std::string basic_auth_header(std::string_view client_id, std::string_view client_secret);

// The form body: grant_type=client_credentials&scope=<scope>. [any]
std::string token_request_body(std::string_view scope);

struct Token {
   std::string access_token;
   std::int64_t lifetime_s = 0;  // expires_in; 0 when the answer has none (no expiry)
};

// Fails (PORTIER_ERR_INVALID) without access_token or with a token_type other than Bearer; for
// an error body the message carries error and error_description, never the request. [any]
Result<Token> parse_token_answer(std::string_view body);

// The steady time from which `token`, received at `received_us`, is renewed: lib-http's
// renew_at_us (token_timing.h: expiry minus the margin, at most half the lifetime early, ten
// years at most); INT64_MAX for a token without expiry (lifetime 0), kept until a 401. [any]
std::int64_t token_renew_at_us(const Token &token, std::int64_t received_us, int margin_s);

// The interval between sweep starts in microseconds: one sweep over `users` ids costs
// ceil(users / batch) requests, and the plugin spends at most requests_per_minute, so
//     interval_s = max(wished_seconds, ceil(users / batch) * 60 / requests_per_minute). [any]
std::int64_t poll_interval_us(std::size_t users, std::size_t batch, int wished_seconds, int requests_per_minute);

}  // namespace portier::circuit
