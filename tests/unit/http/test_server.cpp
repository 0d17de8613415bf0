// SPDX-License-Identifier: GPL-3.0-or-later
#include "test_server.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>

namespace portier::http::test {

TestServer::TestServer(std::vector<Reply> replies) : replies_(std::move(replies)) {
   listener_ = ::socket(AF_INET, SOCK_STREAM, 0);
   sockaddr_in addr{};
   addr.sin_family = AF_INET;
   addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
   addr.sin_port = 0;  // a free port
   ::bind(listener_, reinterpret_cast<sockaddr *>(&addr), sizeof addr);
   ::listen(listener_, 8);
   socklen_t len = sizeof addr;
   ::getsockname(listener_, reinterpret_cast<sockaddr *>(&addr), &len);
   port_ = ntohs(addr.sin_port);
   thread_ = std::thread([this] { serve(); });
}

TestServer::~TestServer() {
   stop_ = true;
   thread_.join();
   ::close(listener_);
}

std::vector<Received> TestServer::received() const {
   const std::lock_guard<std::mutex> lock(mu_);
   return received_;
}

// One connection at a time is enough for a blocking client; polls so the destructor is heard.
void TestServer::serve() {
   int conn = -1;
   while (!stop_) {
      pollfd p{conn >= 0 ? conn : listener_, POLLIN, 0};
      if (::poll(&p, 1, 20) <= 0) continue;
      if (conn < 0) {
         conn = ::accept(listener_, nullptr, nullptr);
         if (conn >= 0) ++connections_;
         continue;
      }
      if (!answer(conn)) {
         ::close(conn);
         conn = -1;
      }
   }
   if (conn >= 0) ::close(conn);
}

// Reads one request and answers it; false when the connection is to be closed.
bool TestServer::answer(int fd) {
   std::string data;
   char buf[4096];
   std::size_t head_end = std::string::npos;
   std::size_t need = 0;
   for (int reads = 0; reads < 1000; ++reads) {  // bounded: test requests are small
      const ssize_t n = ::recv(fd, buf, sizeof buf, 0);
      if (n <= 0) return false;
      data.append(buf, static_cast<std::size_t>(n));
      if (head_end == std::string::npos) {
         head_end = data.find("\r\n\r\n");
         if (head_end == std::string::npos) continue;
         const auto cl = data.find("Content-Length: ");
         need = head_end + 4 + (cl != std::string::npos && cl < head_end ? std::strtoul(data.c_str() + cl + 16, nullptr, 10) : 0);
      }
      if (data.size() >= need) break;
   }
   {
      const std::lock_guard<std::mutex> lock(mu_);
      received_.push_back({data.substr(0, head_end), data.substr(head_end + 4)});
   }
   const Reply &r = replies_[std::min(next_, replies_.size() - 1)];
   ++next_;
   if (r.delay_ms > 0) std::this_thread::sleep_for(std::chrono::milliseconds(r.delay_ms));
   if (r.drop) return false;
   std::string out = "HTTP/1.1 " + std::to_string(r.status) + " X\r\nContent-Length: " + std::to_string(r.body.size()) + "\r\n";
   for (const std::string &h : r.headers) out += h + "\r\n";
   out += "\r\n" + r.body;
   return ::send(fd, out.data(), out.size(), MSG_NOSIGNAL) == static_cast<ssize_t>(out.size());
}

}  // namespace portier::http::test
