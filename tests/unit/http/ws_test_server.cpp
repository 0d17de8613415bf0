// SPDX-License-Identifier: GPL-3.0-or-later
#include "ws_test_server.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <openssl/evp.h>
#include <openssl/sha.h>

namespace portier::http::test {
namespace {

constexpr int kTurnMs = 50;

bool read_exact(int fd, unsigned char *out, std::size_t n, const std::atomic<bool> &stop) {
   std::size_t got = 0;
   while (got < n) {
      if (stop.load()) return false;
      pollfd p{fd, POLLIN, 0};
      if (::poll(&p, 1, kTurnMs) <= 0) continue;
      const ssize_t r = ::recv(fd, out + got, n - got, 0);
      if (r <= 0) return false;
      got += static_cast<std::size_t>(r);
   }
   return true;
}

void send_all(int fd, const std::string &data) {
   std::size_t sent = 0;
   while (sent < data.size()) {
      const ssize_t r = ::send(fd, data.data() + sent, data.size() - sent, MSG_NOSIGNAL);
      if (r <= 0) return;
      sent += static_cast<std::size_t>(r);
   }
}

// A server frame: FIN, no mask.
std::string frame(unsigned opcode, const std::string &payload) {
   std::string out(1, static_cast<char>(0x80 | opcode));
   if (payload.size() < 126) {
      out += static_cast<char>(payload.size());
   } else {
      out += static_cast<char>(126);
      out += static_cast<char>((payload.size() >> 8) & 0xff);
      out += static_cast<char>(payload.size() & 0xff);
   }
   return out + payload;
}

std::string accept_key(const std::string &key) {
   const std::string text = key + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";
   unsigned char digest[SHA_DIGEST_LENGTH];
   SHA1(reinterpret_cast<const unsigned char *>(text.data()), text.size(), digest);
   unsigned char b64[64];
   const int n = EVP_EncodeBlock(b64, digest, SHA_DIGEST_LENGTH);
   return std::string(reinterpret_cast<char *>(b64), static_cast<std::size_t>(n));
}

}  // namespace

WsTestServer::WsTestServer() {
   listener_ = ::socket(AF_INET, SOCK_STREAM, 0);
   sockaddr_in addr{};
   addr.sin_family = AF_INET;
   addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
   ::bind(listener_, reinterpret_cast<sockaddr *>(&addr), sizeof addr);
   ::listen(listener_, 8);
   socklen_t len = sizeof addr;
   ::getsockname(listener_, reinterpret_cast<sockaddr *>(&addr), &len);
   port_ = ntohs(addr.sin_port);
   thread_ = std::thread([this] { serve(); });
}

WsTestServer::~WsTestServer() {
   stop_.store(true);
   thread_.join();
   ::close(listener_);
}

std::vector<std::string> WsTestServer::request_lines() const {
   const std::lock_guard<std::mutex> lock(mu_);
   return lines_;
}

void WsTestServer::serve() {
   while (!stop_.load()) {
      pollfd p{listener_, POLLIN, 0};
      if (::poll(&p, 1, kTurnMs) <= 0) continue;
      const int fd = ::accept(listener_, nullptr, nullptr);
      if (fd < 0) continue;
      converse(fd);
      ::close(fd);
   }
}

void WsTestServer::converse(int fd) {
   std::string head;
   unsigned char c = 0;
   while (head.find("\r\n\r\n") == std::string::npos && head.size() < 8192) {
      if (!read_exact(fd, &c, 1, stop_)) return;
      head += static_cast<char>(c);
   }
   const std::string line = head.substr(0, head.find("\r\n"));
   {
      const std::lock_guard<std::mutex> lock(mu_);
      lines_.push_back(line);
   }
   if (line.find(" /refuse") != std::string::npos) {
      send_all(fd, "HTTP/1.1 401 Unauthorized\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
      return;
   }
   const std::string name = "Sec-WebSocket-Key: ";
   const auto at = head.find(name);
   if (at == std::string::npos) return;
   const std::string key = head.substr(at + name.size(), head.find("\r\n", at) - at - name.size());
   send_all(fd, "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                "Sec-WebSocket-Accept: " + accept_key(key) + "\r\n\r\n");
   for (;;) {
      unsigned char h[2];
      if (!read_exact(fd, h, 2, stop_)) return;
      const unsigned opcode = h[0] & 0x0f;
      std::size_t n = h[1] & 0x7f;
      if (n == 126) {
         unsigned char ext[2];
         if (!read_exact(fd, ext, 2, stop_)) return;
         n = (std::size_t{ext[0]} << 8) | ext[1];
      } else if (n == 127) {
         return;  // the tests send short frames only
      }
      unsigned char mask[4];
      if (!read_exact(fd, mask, 4, stop_)) return;
      std::string payload(n, '\0');
      if (n > 0 && !read_exact(fd, reinterpret_cast<unsigned char *>(payload.data()), n, stop_)) return;
      for (std::size_t i = 0; i < n; ++i) payload[i] = static_cast<char>(payload[i] ^ mask[i % 4]);
      if (opcode == 8) {
         send_all(fd, frame(8, payload.substr(0, 2)));
         return;
      }
      if (opcode == 9) {
         send_all(fd, frame(10, payload));
         continue;
      }
      if (opcode != 1) continue;
      if (payload == "close-me") {
         send_all(fd, frame(8, std::string("\x0f\xa0", 2) + "bye"));  // 4000
         continue;
      }
      send_all(fd, frame(1, "echo: " + payload));
   }
}

}  // namespace portier::http::test
