// SPDX-License-Identifier: GPL-3.0-or-later
// A blocking WebSocket client (RFC 6455) for the cloud presence plugins' event channels, on
// Boost.Beast, used by one thread of the plugin (its channel thread): ws:// and wss:// (TLS
// verified unless verify_tls is false), through an HTTP proxy with CONNECT when one is set, text
// frames in and out, pings answered and sent while idle, close codes and reasons surfaced. Every
// call returns after its own timeout at the latest; interrupt() ends a wait from another thread.
// Beast lives only in websocket_client.cpp, compiled once into portier_http.
#pragma once

#include <chrono>
#include <cstddef>
#include <memory>
#include <string>
#include <string_view>

namespace portier::http {

struct WebSocketOptions {
   std::string ca_file;           // PEM bundle the server certificate must chain to; "" = system's
   bool verify_tls = true;        // false accepts any certificate and host name (test set-ups only)
   std::string proxy;             // "http://host:port" (CONNECT tunnel) or "" for a direct connection
   long connect_timeout_ms = 10'000;   // resolve, TCP, proxy, TLS and WebSocket handshakes together
   long idle_timeout_ms = 30'000;      // a ping goes out after half of it idle; silence for all of it ends the connection
   long write_timeout_ms = 10'000;     // one frame out, or the close handshake
   std::size_t max_message_bytes = 16u << 20;  // a longer message ends the connection
   std::string user_agent = "portier";
};

// What one read() brought.
struct WebSocketEvent {
   enum class Kind {
      message,  // `text` holds one whole text (or binary) message
      timeout,  // nothing within the wait; the connection stays open and the read goes on
      closed,   // the peer sent a close frame: `close_code` and `close_reason` say why
      error     // the connection failed or dropped (or was interrupted): `text` says how
   };
   Kind kind = Kind::timeout;
   std::string text;
   int close_code = 0;
   std::string close_reason;
};

class WebSocketClient {
public:
   // Nothing is opened until connect(). [any thread; then used by one thread at a time]
   explicit WebSocketClient(WebSocketOptions options);
   // Drops an open connection without a close handshake (call close() first for one). [owner]
   ~WebSocketClient();
   WebSocketClient(const WebSocketClient &) = delete;
   WebSocketClient &operator=(const WebSocketClient &) = delete;

   // Opens `url` ("ws://host[:port]/path?query" or "wss://..."), dropping any connection open
   // before. Returns "" when the WebSocket handshake succeeded, else what failed; the text names
   // the URL without its query (tokens travel there) and the HTTP status of a refused upgrade.
   // [owner thread]
   std::string connect(std::string_view url);

   // Waits up to `wait` for the next message, close or failure. A read that timed out goes on
   // in the background and the next call continues it. [owner thread]
   WebSocketEvent read(std::chrono::milliseconds wait);

   // Sends one text frame; "" when it went out, else what failed (the connection is then
   // dropped). [owner thread]
   std::string send_text(std::string_view text);

   // Sends a close frame with `code` and `reason` and waits (write_timeout_ms at most) for the
   // peer's, then drops the connection. [owner thread]
   void close(int code, std::string_view reason);

   // True between a successful connect() and a failure, close or interrupt. [owner thread]
   bool is_open() const noexcept;

   // Drops the connection and makes the owner's current or next call return an error at once;
   // the next connect() clears it. [any thread]
   void interrupt() noexcept;

private:
   struct Impl;
   std::unique_ptr<Impl> impl_;
};

}  // namespace portier::http
