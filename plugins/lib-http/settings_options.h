// SPDX-License-Identifier: GPL-3.0-or-later
// The client options a cloud presence plugin builds from its settings (any settings type with
// ca_file, verify_tls, proxy and timeout_seconds), under its own user agent: the HttpOptions of
// its REST calls and the WebSocketOptions of its event channel. Header-only (the WebSocket
// options are plain data; Beast stays in websocket_client.cpp). Thread tag: [any]; no state.
#pragma once

#include <algorithm>
#include <string>
#include <utility>

#include "http_client.h"
#include "websocket_client.h"

namespace portier::http {

// The connect timeout is the request timeout, at most 10 s: a dead host is noticed early even
// when a long poll may take longer. Never fails. [any]
template <class Settings>
HttpOptions options_from_settings(const Settings &s, std::string user_agent) {
   HttpOptions o;
   o.ca_file = s.ca_file;
   o.verify_tls = s.verify_tls;
   o.proxy = s.proxy;
   o.timeout_ms = s.timeout_seconds * 1000L;
   o.connect_timeout_ms = std::min(o.timeout_ms, 10'000L);
   o.user_agent = std::move(user_agent);
   return o;
}

// The event channel's options: the whole connect (proxy, TLS, upgrade) and each write within
// the request timeout; `idle_timeout_ms` of silence ends the connection (a ping goes out after
// half of it). Never fails. [any]
template <class Settings>
WebSocketOptions websocket_options_from_settings(const Settings &s, std::string user_agent, long idle_timeout_ms) {
   WebSocketOptions o;
   o.ca_file = s.ca_file;
   o.verify_tls = s.verify_tls;
   o.proxy = s.proxy;
   o.connect_timeout_ms = s.timeout_seconds * 1000L;
   o.write_timeout_ms = o.connect_timeout_ms;
   o.idle_timeout_ms = idle_timeout_ms;
   o.user_agent = std::move(user_agent);
   return o;
}

}  // namespace portier::http
