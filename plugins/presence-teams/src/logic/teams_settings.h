// SPDX-License-Identifier: GPL-3.0-or-later
// presence.teams's settings (the plugin entry's `settings`, as JSON), read and checked in one
// place for validate_config and create. Every problem names its key. docs/admin/presence-teams.md
// maps the manual's Teams presence fields to these keys.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include <portier/result.hpp>

namespace portier::teams {

enum class AuthFlow {
   client_credentials,  // app-only token: tenant, client id and client secret
   password             // ROPC: a user's name and password on behalf of the app (delegated)
};

// How an e-mail key finds the user's object id.
enum class EmailLookup {
   upn,    // GET /users/{mail}: the address is the user principal name
   filter  // GET /users?$filter=mail eq '...' or proxyAddresses/any(...): any SMTP address
};

struct TeamsSettings {
   std::string tenant_id;              // tenant GUID or verified domain (not common/consumers)
   std::string client_id;              // the app registration's application id
   std::string client_secret;          // name of the secret holding the client secret; "" = public client (password flow)
   AuthFlow auth_flow = AuthFlow::client_credentials;
   std::string user;                   // password flow: the service user's UPN
   std::string password_secret;        // password flow: name of the secret holding its password
   std::string login_url = "https://login.microsoftonline.com";  // token host (national clouds, mocks)
   std::string graph_url = "https://graph.microsoft.com/v1.0";   // API root incl. version
   std::string proxy;                  // "http://host:port" from proxy_url and proxy_port, or ""
   std::string notification_url;       // public HTTPS URL for change notifications; "" = poll only
   std::string lifecycle_url;          // public HTTPS URL for lifecycle events; default derived from notification_url
   std::string listen_address = "127.0.0.1";  // where the notification listener binds (a proxy forwards to it)
   int listen_port = 0;                // its port; required with notification_url
   int subscription_minutes = 60;      // lifetime asked for a subscription (Graph's maximum is 60)
   int subscription_renew_minutes = 10; // renew this long before expiry (at most half the granted lifetime)
   EmailLookup email_lookup = EmailLookup::upn;
   int poll_interval_seconds = 10;     // wished interval; the budget may make it longer
   int budget_requests_per_30s = 1500; // Graph's documented presence limit per app and tenant
   int budget_share_percent = 50;      // share of the budget this plugin may use
   int token_margin_seconds = 300;     // renew this long before expiry (at most half the lifetime)
   int timeout_seconds = 20;
   int backoff_min_seconds = 1;
   int backoff_max_seconds = 60;
   std::string ca_file;                // PEM file the Graph/login certificates must chain to; "" = system's
   bool verify_tls = true;
   std::vector<std::string> warnings;  // accepted but worth a log line (an old key name); logged at create
};

// The default lifecycle URL: notification_url with its last path segment replaced by
// "lifecycle" ("https://h/hooks/presence" -> "https://h/hooks/lifecycle"), or "/lifecycle"
// appended when it has no path.
std::string default_lifecycle_url(std::string_view notification_url);

// Fails with PORTIER_ERR_CONFIG listing every problem, "settings.<key>: ...", joined by "; ".
Result<TeamsSettings> parse_teams_settings(std::string_view json);

}  // namespace portier::teams
