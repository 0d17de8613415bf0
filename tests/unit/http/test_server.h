// SPDX-License-Identifier: GPL-3.0-or-later
// A one-thread HTTP/1.1 server on 127.0.0.1 for the client's tests: answers each request with
// the next scripted reply (or the last one again), keeps connections open, and records what it
// received and how many connections it accepted.
#pragma once

#include <atomic>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace portier::http::test {

struct Reply {
   int status = 200;
   std::vector<std::string> headers;  // "Name: value"
   std::string body;
   int delay_ms = 0;                  // wait before answering
   bool drop = false;                 // close the connection instead of answering
};

struct Received {
   std::string head;                  // request line and headers
   std::string body;
};

class TestServer {
public:
   explicit TestServer(std::vector<Reply> replies);
   ~TestServer();

   int port() const { return port_; }
   std::string url(const std::string &path) const { return "http://127.0.0.1:" + std::to_string(port_) + path; }
   int connections() const { return connections_.load(); }
   std::vector<Received> received() const;

private:
   void serve();
   bool answer(int fd);

   std::vector<Reply> replies_;
   std::size_t next_ = 0;
   int listener_ = -1;
   int port_ = 0;
   std::atomic<int> connections_{0};
   std::atomic<bool> stop_{false};
   mutable std::mutex mu_;
   std::vector<Received> received_;  // guarded by mu_
   std::thread thread_;
};

}  // namespace portier::http::test
