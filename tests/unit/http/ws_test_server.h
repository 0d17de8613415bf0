// SPDX-License-Identifier: GPL-3.0-or-later
// A one-thread WebSocket server (RFC 6455, text frames only) on 127.0.0.1 for the WebSocket
// client's tests, written on plain sockets so the test adds no Beast code. It answers a path
// starting with /refuse with 401, echoes every text frame as "echo: <text>", answers "close-me"
// with a close frame (4000, "bye"), and records the request lines it got. With `tls` it speaks
// TLS (OpenSSL on the socket) with the certificate given; a first request "CONNECT host:port"
// is answered 200 and the conversation goes on in the tunnel, so it is its own HTTP proxy.
#pragma once

#include <atomic>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "test_certificate.h"

struct ssl_ctx_st;  // OpenSSL's SSL_CTX

namespace portier::http::test {

class WsTestServer {
public:
   WsTestServer();
   explicit WsTestServer(const TestCertificate &tls);
   ~WsTestServer();

   int port() const { return port_; }
   std::vector<std::string> request_lines() const;

private:
   void listen();
   void serve();
   void converse(int fd);

   ssl_ctx_st *tls_ = nullptr;  // owned; null for plain TCP
   int listener_ = -1;
   int port_ = 0;
   std::atomic<bool> stop_{false};
   mutable std::mutex mu_;
   std::vector<std::string> lines_;  // guarded by mu_
   std::thread thread_;
};

}  // namespace portier::http::test
