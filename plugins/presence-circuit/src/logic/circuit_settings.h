// SPDX-License-Identifier: GPL-3.0-or-later
// presence.circuit's settings (the plugin entry's `settings`, as JSON), read and checked in one
// place for validate_config and create. Every problem names its key. docs/admin/presence-circuit.md
// maps the manual's Circuit node fields (6.3.1.6) to these keys.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include <portier/result.hpp>

namespace portier::circuit {

struct CircuitSettings {
   std::string server_url;             // "https://{domain}" (manual: Circuit Domain) or server_url as given
   std::string client_id;              // the bot's OAuth client id (manual: Client ID)
   std::string client_secret;          // name of the secret holding the bot's secret (manual: Secret Code)
   std::string scope = "READ_USER_PROFILE,READ_USER";  // comma-separated, as Circuit wants it
   std::string proxy;                  // "http://host:port" from proxy_url and proxy_port, or ""
   int batch_size = 100;               // ids or e-mails per bulk request (Circuit documents no cap)
   int poll_interval_seconds = 10;     // wished interval; the budget may make it longer
   int requests_per_minute = 120;      // our own budget: Circuit documents no rate limit
   bool push = true;                   // the WebSocket event channel (through the proxy when one is set)
   int push_poll_interval_seconds = 300;  // polling while the event channel stands: a safety net
   int token_margin_seconds = 300;     // renew this long before expiry (at most half the lifetime)
   int timeout_seconds = 20;
   int backoff_min_seconds = 1;
   int backoff_max_seconds = 60;
   std::string ca_file;                // PEM file the Circuit certificate must chain to; "" = system's
   bool verify_tls = true;
   std::vector<std::string> warnings;  // accepted but worth a log line (an old key name); logged at create
};

// Fails with PORTIER_ERR_CONFIG listing every problem, "settings.<key>: ...", joined by "; ".
Result<CircuitSettings> parse_circuit_settings(std::string_view json);

}  // namespace portier::circuit
