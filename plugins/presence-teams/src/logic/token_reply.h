// SPDX-License-Identifier: GPL-3.0-or-later
// The v2.0 token endpoint: the form bodies of the two grants and the answer. How long a token
// may be used is lib-http's renew_at_us (token_timing.h).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include <portier/result.hpp>

#include "teams_settings.h"

namespace portier::teams {

// The scope each flow asks for.
constexpr const char *kAppScope = "https://graph.microsoft.com/.default";
constexpr const char *kUserScope =
    "https://graph.microsoft.com/Presence.Read.All https://graph.microsoft.com/User.ReadBasic.All";

struct TokenCredentials {
   std::string client_secret;  // "" for a public client in the password flow
   std::string password;       // password flow only
};

// The form body for settings.auth_flow.
std::string token_request_body(const TeamsSettings &settings, const TokenCredentials &credentials);

// "{login_url}/{tenant}/oauth2/v2.0/token"
std::string token_url(const TeamsSettings &settings);

struct Token {
   std::string access_token;
   std::int64_t lifetime_s = 0;  // expires_in
};

// Fails (PORTIER_ERR_INVALID) without access_token or a positive expires_in; for a 400 body
// the message carries `error` and the AADSTS code, never the request.
Result<Token> parse_token_answer(std::string_view body);

}  // namespace portier::teams
