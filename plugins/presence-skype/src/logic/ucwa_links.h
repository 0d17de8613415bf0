// SPDX-License-Identifier: GPL-3.0-or-later
// UCWA's way in (docs/protocols/presence-calendar.md §5.1): the discovery root, the MsRtcOAuth
// challenge, the password grant, the user resource and the application resource, each read for
// the links the next step follows. Hrefs in UCWA bodies are usually host-relative; resolve_href
// makes them absolute against the URL they came from.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include <portier/result.hpp>

namespace portier::skype {

// `href` as an absolute URL: kept when it has a scheme, else joined to `base`'s scheme://host:port
// (href starting with '/') or to `base`'s directory. [any]
std::string resolve_href(std::string_view base, std::string_view href);

// `_links.user` and `_links.redirect` of the discovery root or of the user resource, and
// `_links.applications` of the user resource once authorised. Each "" when absent.
struct ResourceLinks {
   std::string user;
   std::string redirect;
   std::string applications;
};

// Fails (PORTIER_ERR_INVALID) when the body is not a JSON object. [any]
Result<ResourceLinks> parse_resource_links(std::string_view body);

// The WWW-Authenticate challenge of the user resource: MsRtcOAuth href="...",grant_type="...".
struct OAuthChallenge {
   std::string token_url;
   bool password_grant = false;  // "password" is among the offered grant types
};

// Fails (PORTIER_ERR_INVALID) when the header is not an MsRtcOAuth challenge with an href. [any]
Result<OAuthChallenge> parse_oauth_challenge(std::string_view www_authenticate);

// grant_type=password&username=...&password=..., form-encoded. [any]
std::string password_grant_body(std::string_view user, std::string_view password);

struct Token {
   std::string access_token;     // "cwt=...", sent as "Authorization: Bearer cwt=..."
   std::int64_t lifetime_s = 0;  // expires_in
};

// Fails (PORTIER_ERR_INVALID) without access_token or a positive expires_in; a 400 body's
// `error` (invalid_grant, ...) is in the message, never the request. [any]
Result<Token> parse_token_answer(std::string_view body);

// The body that creates an application: {"UserAgent", "EndpointId", "Culture"}. [any]
std::string application_request_body(std::string_view user_agent, std::string_view endpoint_id,
                                     std::string_view culture);

// What presence.skype follows in the application resource (as in the body, unresolved).
struct ApplicationLinks {
   std::string self;
   std::string events;                  // _links.events: the first P-GET ("...events?ack=1")
   std::string batch;                   // _links.batch
   std::string presence_subscriptions;  // _embedded.people._links.presenceSubscriptions
};

// Fails (PORTIER_ERR_INVALID) when self, events, batch or presenceSubscriptions is missing. [any]
Result<ApplicationLinks> parse_application(std::string_view body);

// {"duration": minutes, "uris": [...]}: creates a subscription or, posted to its
// addToPresenceSubscription link, adds members and extends it. [any]
std::string subscription_request_body(int minutes, const std::vector<std::string> &uris);

struct SubscriptionLinks {
   std::string id;
   std::string self;
   std::string add;  // _links.addToPresenceSubscription
};

// Fails (PORTIER_ERR_INVALID) without self and addToPresenceSubscription. [any]
Result<SubscriptionLinks> parse_subscription(std::string_view body);

// UCWA's error body {"code": "...", "subcode": "..."} as "code/subcode", "code", or "". [any]
std::string ucwa_error_code(std::string_view body);

}  // namespace portier::skype
