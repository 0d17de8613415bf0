// SPDX-License-Identifier: GPL-3.0-or-later
// client.web's settings (the plugin entry's `settings` mapping, handed over as JSON), read and
// checked in one place for validate_config and create. Every problem names its key; unknown
// keys get a did-you-mean. docs/client-web.md describes each setting.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <portier/result.hpp>

#include "address_allow.h"

namespace portier::web {

struct TlsFiles {
   std::string certificate;  // PEM, the chain our certificate first
   std::string key;          // PEM private key
};

// Bounds on what one peer may make the I/O thread hold.
struct Limits {
   std::int64_t header_bytes = 8 * 1024;        // request line and headers; beyond: 431
   std::int64_t body_bytes = 64 * 1024;         // request body; beyond: 413
   std::int64_t message_bytes = 64 * 1024;      // one WebSocket message from a console; beyond: close 1009
   std::int64_t connections = 256;              // open connections, HTTP and WebSocket
   std::int64_t queued_messages = 1024;         // waiting to be sent to one console; beyond: close
};

// Log-on sessions (session_table.h).
struct SessionSettings {
   std::int64_t idle_minutes = 480;  // without a request or frame; then the session ends
   std::int64_t max_hours = 12;      // in all, however busy
   std::int64_t per_account = 8;     // open at once; a new one ends the oldest
};

// GET /metrics (docs/client-web.md "Metrics").
struct MetricsSettings {
   bool enabled = true;
   std::optional<std::vector<AddressRange>> allow;  // set: only peers in these ranges; others 403
};

struct WebSettings {
   std::string listen_host = "127.0.0.1";  // an IP address (v4, or v6 without brackets)
   std::uint16_t listen_port = 8080;       // 0: any free port (tests); the log names it
   std::optional<TlsFiles> tls;            // set: HTTPS and WSS only
   std::string root;                       // the front end's directory; "" = the plugin's own files
   Limits limits;
   SessionSettings sessions;
   MetricsSettings metrics;
};

// The settings from their JSON text; PORTIER_ERR_CONFIG naming every problem otherwise.
Result<WebSettings> read_settings(std::string_view json);

// "host:port" or "[v6]:port" into host and port; nullopt when it is neither.
struct ListenAddress {
   std::string host;
   std::uint16_t port = 0;
};
std::optional<ListenAddress> parse_listen(std::string_view text);

// "http://127.0.0.1:8080" or "https://[::1]:8443", for the log and `portier status`.
std::string describe_listen(const WebSettings &s, std::uint16_t bound_port);

}  // namespace portier::web
