// SPDX-License-Identifier: GPL-3.0-or-later
// RingCentral's token endpoint (POST {server}/restapi/oauth/token, the app authenticated with
// HTTP Basic): the form bodies of the JWT, password and refresh grants, and the answer. How long
// an access or refresh token may be used is lib-http's renew_at_us (token_timing.h).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include <portier/result.hpp>

#include "office_settings.h"

namespace portier::office {

struct Credentials {
   std::string client_secret;
   std::string jwt;       // jwt flow
   std::string password;  // password flow
};

// "{server_url}/restapi/oauth/token" [any]
std::string token_url(const OfficeSettings &settings);

// "Authorization: Basic base64(client_id:client_secret)" [any]
std::string basic_auth_header(std::string_view client_id, std::string_view client_secret);

// The form body of the grant settings.auth_flow names. [any]
std::string grant_body(const OfficeSettings &settings, const Credentials &credentials);

// The form body of the refresh grant. [any]
std::string refresh_body(std::string_view refresh_token);

struct Token {
   std::string access_token;
   std::int64_t lifetime_s = 0;          // expires_in
   std::string refresh_token;            // "" when none was given
   std::int64_t refresh_lifetime_s = 0;  // refresh_token_expires_in
};

// Fails (PORTIER_ERR_INVALID) without access_token or a positive expires_in; for an error body
// the message carries `error`/`errorCode` and the first line of the description, never the
// request. [any]
Result<Token> parse_token_answer(std::string_view body);

}  // namespace portier::office
