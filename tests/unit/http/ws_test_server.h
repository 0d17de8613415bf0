// SPDX-License-Identifier: GPL-3.0-or-later
// A one-thread WebSocket server (RFC 6455, text frames only) on 127.0.0.1 for the WebSocket
// client's tests, written on plain sockets so the test adds no Beast code. It answers a path
// starting with /refuse with 401, echoes every text frame as "echo: <text>", answers "close-me"
// with a close frame (4000, "bye"), and records the request lines it got.
#pragma once

#include <atomic>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace portier::http::test {

class WsTestServer {
public:
   WsTestServer();
   ~WsTestServer();

   int port() const { return port_; }
   std::vector<std::string> request_lines() const;

private:
   void serve();
   void converse(int fd);

   int listener_ = -1;
   int port_ = 0;
   std::atomic<bool> stop_{false};
   mutable std::mutex mu_;
   std::vector<std::string> lines_;  // guarded by mu_
   std::thread thread_;
};

}  // namespace portier::http::test
