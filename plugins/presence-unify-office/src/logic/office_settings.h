// SPDX-License-Identifier: GPL-3.0-or-later
// presence.unify-office's settings (the plugin entry's `settings`, as JSON), read and checked in
// one place for validate_config and create. Every problem names its key.
// docs/admin/presence-unify-office.md maps the manual's Unify Office fields to these keys.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include <portier/result.hpp>

namespace portier::office {

enum class AuthFlow {
   jwt,      // JWT bearer (RFC 7523): the JWT credential made in RingCentral's developer console
   password  // legacy ROPC: user (number or e-mail), optional extension, password
};

struct OfficeSettings {
   std::string server_url = "https://platform.ringcentral.com";  // API host (sandbox, mocks)
   std::string client_id;              // the app's client id
   std::string client_secret;          // name of the secret holding the app's client secret
   AuthFlow auth_flow = AuthFlow::jwt;
   std::string jwt_secret;             // jwt flow: name of the secret holding the JWT credential
   std::string user;                   // password flow: main number or e-mail
   std::string extension;              // password flow: the user's extension number, or ""
   std::string password_secret;        // password flow: name of the secret holding the password
   std::string proxy;                  // "http://host:port" from proxy_url and proxy_port, or ""
   int poll_interval_seconds = 5;      // wished gap between sweep starts; the budget may stretch it
   int light_requests_per_minute = 50; // the app's Light group limit (presence reads)
   int medium_requests_per_minute = 40;// Medium group (extension list)
   int auth_requests_per_minute = 5;   // Auth group (token requests)
   int budget_share_percent = 80;      // share of each group this plugin may use
   int extension_page_size = 100;      // perPage of the extension list
   int relist_seconds = 300;           // how often unknown extension numbers are looked for again
   int token_margin_seconds = 300;     // renew this long before expiry (at most half the lifetime)
   int timeout_seconds = 20;
   int backoff_min_seconds = 1;
   int backoff_max_seconds = 60;
   bool websocket = true;              // notifications over RingCentral's WebSocket; false: polling only
   int websocket_heartbeat_seconds = 30;  // a Heartbeat frame after this long without any frame
   int websocket_account_filter_above = 100;  // more extensions: one account-wide event filter
   std::string ca_file;                // PEM file the server's certificate must chain to; "" = system's
   bool verify_tls = true;
   std::vector<std::string> warnings;  // accepted but worth a log line (an old key name); logged at create
};

// Fails with PORTIER_ERR_CONFIG listing every problem, "settings.<key>: ...", joined by "; ".
// [any]
Result<OfficeSettings> parse_office_settings(std::string_view json);

// Requests per minute this plugin allows itself in a group of `limit`: share % of it, at least 1.
// [any]
int allowed_per_minute(int limit, int share_percent);

}  // namespace portier::office
