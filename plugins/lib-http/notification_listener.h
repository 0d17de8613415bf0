// SPDX-License-Identifier: GPL-3.0-or-later
// An inbound HTTP/1.1 listener for webhook deliveries (Microsoft Graph change notifications
// first): plain HTTP on a configured address and port, TLS being terminated by a reverse proxy
// in front. It takes POST requests with a Content-Length body, one connection at a time on its
// own thread, and hands each to a callback that returns the answer. Anything else is refused
// with a clear status: 405 (not POST), 411 (no Content-Length, or chunked), 413 (body too
// large), 431 (head too large), 408 (too slow), 400 (malformed). Every answer closes the
// connection.
#pragma once

#include <atomic>
#include <cstddef>
#include <functional>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "http_request_head.h"

namespace portier::http {

struct InboundRequest {
   std::string path;                                          // target up to '?'
   std::string query;                                         // after '?', percent-encoded
   std::vector<std::pair<std::string, std::string>> headers;  // lower-case names
   std::string body;
};

struct InboundReply {
   int status = 200;
   std::string content_type = "text/plain; charset=utf-8";
   std::string body;
};

struct ListenerOptions {
   std::string address = "127.0.0.1";  // IPv4 or IPv6 literal to bind
   int port = 0;                       // 0: a free port (tests), see NotificationListener::port
   std::size_t max_body = 1 << 20;     // larger bodies get 413
   int request_timeout_ms = 5000;      // the whole request must arrive within this, else 408
};

// Owns the listening socket and its thread. Not copyable or movable.
class NotificationListener {
public:
   using Handler = std::function<InboundReply(const InboundRequest &)>;

   NotificationListener() = default;
   ~NotificationListener();
   NotificationListener(const NotificationListener &) = delete;
   NotificationListener &operator=(const NotificationListener &) = delete;

   // Binds and listens, then starts the thread that calls `handler` for every well-formed POST.
   // The handler runs on the listener's thread, must not throw, and should answer quickly (the
   // next connection waits). Returns "" on success, else why it failed (bad address, port in
   // use). [any thread; once]
   std::string start(const ListenerOptions &options, Handler handler);

   // The bound port (the real one when 0 was asked for); 0 before a successful start. [any]
   int port() const { return port_; }

   // Stops the thread (within 100 ms) and closes the socket; also done by the destructor. [any
   // thread but the listener's]
   void stop();

private:
   void serve();
   void handle(int fd);

   ListenerOptions options_;
   Handler handler_;
   int fd_ = -1;
   int port_ = 0;
   std::atomic<bool> stopping_{false};
   std::thread thread_;
};

}  // namespace portier::http
