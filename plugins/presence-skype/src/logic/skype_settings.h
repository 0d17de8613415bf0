// SPDX-License-Identifier: GPL-3.0-or-later
// presence.skype's settings (the plugin entry's `settings`, as JSON), read and checked in one
// place for validate_config and create. Every problem names its key. docs/admin/presence-skype.md
// maps the manual's Skype node fields to these keys.
#pragma once

#include <string>
#include <string_view>

#include <portier/result.hpp>

namespace portier::skype {

// UCWA's documented range for presenceSubscriptions' `duration`, in minutes.
constexpr int kMinSubscriptionMinutes = 10;
constexpr int kMaxSubscriptionMinutes = 30;

struct SkypeSettings {
   std::string discovery_url;          // "https://lyncdiscover.{sip_domain}/" unless given
   std::string user;                   // the service user's sign-in address (user@domain)
   std::string password_secret;        // name of the secret holding its password
   std::string user_agent = "Portier"; // the application's UserAgent (manual: User Agent)
   std::string culture = "en-US";
   std::string proxy;                  // "http://host:port" from proxy_url and proxy_port, or ""
   int subscription_minutes = kMaxSubscriptionMinutes;
   int subscription_batch = 100;       // uris per presenceSubscriptions request
   int batch_size = 50;                // presence reads per multipart batch
   int event_timeout_seconds = 180;    // the event channel's `timeout`
   int token_margin_seconds = 300;     // renew this long before expiry (at most half the lifetime)
   int timeout_seconds = 20;
   int backoff_min_seconds = 1;
   int backoff_max_seconds = 60;
   std::string ca_file;                // PEM file the server certificates must chain to; "" = system's
   bool verify_tls = true;
};

// Fails with PORTIER_ERR_CONFIG listing every problem, "settings.<key>: ...", joined by "; ".
Result<SkypeSettings> parse_skype_settings(std::string_view json);

}  // namespace portier::skype
