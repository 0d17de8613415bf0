// SPDX-License-Identifier: GPL-3.0-or-later
#include "notification_listener.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstdint>
#include <cstring>
#include <functional>

namespace portier::http {
namespace {

constexpr int kAcceptTurnMs = 100;  // how often the thread looks at the stop flag

const char *reason_of(int status) {
   switch (status) {
      case 100: return "Continue";
      case 200: return "OK";
      case 202: return "Accepted";
      case 204: return "No Content";
      case 400: return "Bad Request";
      case 403: return "Forbidden";
      case 404: return "Not Found";
      case 405: return "Method Not Allowed";
      case 408: return "Request Timeout";
      case 411: return "Length Required";
      case 413: return "Content Too Large";
      case 431: return "Request Header Fields Too Large";
      case 500: return "Internal Server Error";
      case 503: return "Service Unavailable";
      case 505: return "HTTP Version Not Supported";
      default: return "Status";
   }
}

void send_all(int fd, const std::string &data) {
   std::size_t sent = 0;
   while (sent < data.size()) {
      const ssize_t n = ::send(fd, data.data() + sent, data.size() - sent, MSG_NOSIGNAL);
      if (n <= 0) return;  // the peer went away; nothing more to tell it
      sent += static_cast<std::size_t>(n);
   }
}

void answer(int fd, const InboundReply &reply) {
   std::string out = "HTTP/1.1 " + std::to_string(reply.status) + " " + reason_of(reply.status) + "\r\n";
   out += "Content-Type: " + reply.content_type + "\r\n";
   out += "Content-Length: " + std::to_string(reply.body.size()) + "\r\nConnection: close\r\n\r\n";
   out += reply.body;
   send_all(fd, out);
}

void refuse(int fd, int status, const std::string &why) { answer(fd, InboundReply{status, "text/plain; charset=utf-8", why + "\n"}); }

// Reads into `buffer` until it holds `wanted` bytes or the deadline passes; false on timeout,
// error or EOF.
bool read_until(int fd, std::string &buffer, std::size_t wanted, std::chrono::steady_clock::time_point deadline,
                const std::function<bool(const std::string &)> &enough) {
   char chunk[4096];
   while (buffer.size() < wanted && !enough(buffer)) {
      const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
      if (left.count() <= 0) return false;
      pollfd p{fd, POLLIN, 0};
      const int ready = ::poll(&p, 1, static_cast<int>(left.count()));
      if (ready < 0 && errno == EINTR) continue;
      if (ready <= 0) return false;
      const std::size_t room = std::min(sizeof chunk, wanted - buffer.size());
      const ssize_t n = ::recv(fd, chunk, room, 0);
      if (n <= 0) return false;
      buffer.append(chunk, static_cast<std::size_t>(n));
   }
   return true;
}

// Closing with unread bytes would reset the connection and could destroy the answer in
// flight: say we are done, read what the peer still sends (briefly, bounded), then close.
void linger_close(int fd) {
   ::shutdown(fd, SHUT_WR);
   char chunk[4096];
   for (int turn = 0; turn < 16; ++turn) {
      pollfd p{fd, POLLIN, 0};
      if (::poll(&p, 1, 50) <= 0 || ::recv(fd, chunk, sizeof chunk, 0) <= 0) break;
   }
   ::close(fd);
}

}  // namespace

NotificationListener::~NotificationListener() { stop(); }

std::string NotificationListener::start(const ListenerOptions &options, Handler handler) {
   options_ = options;
   handler_ = std::move(handler);
   sockaddr_storage addr{};
   socklen_t len = 0;
   int family = AF_INET;
   auto *v4 = reinterpret_cast<sockaddr_in *>(&addr);
   auto *v6 = reinterpret_cast<sockaddr_in6 *>(&addr);
   if (::inet_pton(AF_INET, options.address.c_str(), &v4->sin_addr) == 1) {
      v4->sin_family = AF_INET;
      v4->sin_port = htons(static_cast<std::uint16_t>(options.port));
      len = sizeof *v4;
   } else if (::inet_pton(AF_INET6, options.address.c_str(), &v6->sin6_addr) == 1) {
      family = AF_INET6;
      v6->sin6_family = AF_INET6;
      v6->sin6_port = htons(static_cast<std::uint16_t>(options.port));
      len = sizeof *v6;
   } else {
      return "'" + options.address + "' is not an IPv4 or IPv6 address";
   }
   const int fd = ::socket(family, SOCK_STREAM | SOCK_CLOEXEC, 0);
   if (fd < 0) return std::string("socket: ") + std::strerror(errno);
   const int one = 1;
   ::setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
   if (::bind(fd, reinterpret_cast<sockaddr *>(&addr), len) != 0 || ::listen(fd, 64) != 0) {
      const std::string why = "bind " + options.address + ":" + std::to_string(options.port) + ": " + std::strerror(errno);
      ::close(fd);
      return why;
   }
   sockaddr_storage bound{};
   socklen_t bound_len = sizeof bound;
   ::getsockname(fd, reinterpret_cast<sockaddr *>(&bound), &bound_len);
   port_ = ntohs(family == AF_INET ? reinterpret_cast<sockaddr_in *>(&bound)->sin_port
                                   : reinterpret_cast<sockaddr_in6 *>(&bound)->sin6_port);
   fd_ = fd;
   stopping_ = false;
   thread_ = std::thread([this] { serve(); });
   return {};
}

void NotificationListener::stop() {
   stopping_ = true;
   if (thread_.joinable()) thread_.join();
   if (fd_ >= 0) ::close(fd_);
   fd_ = -1;
}

void NotificationListener::serve() {
   while (!stopping_) {
      pollfd p{fd_, POLLIN, 0};
      if (::poll(&p, 1, kAcceptTurnMs) <= 0) continue;
      const int conn = ::accept4(fd_, nullptr, nullptr, SOCK_CLOEXEC);
      if (conn < 0) continue;
      const int one = 1;
      ::setsockopt(conn, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
      handle(conn);
      linger_close(conn);
   }
}

void NotificationListener::handle(int fd) {
   const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(options_.request_timeout_ms);
   std::string data;
   const bool have_head = read_until(fd, data, kMaxRequestHead + 1, deadline, [](const std::string &d) {
      return request_head_end(d) != std::string::npos;
   });
   const std::size_t head_end = request_head_end(data);
   if (head_end == std::string::npos) {
      if (data.size() > kMaxRequestHead) return refuse(fd, 431, "request head over 8192 bytes");
      if (!have_head || data.empty()) return refuse(fd, 408, "the request did not arrive in time");
      return refuse(fd, 400, "incomplete request head");
   }
   RequestHead head;
   HeadProblem problem;
   if (!parse_request_head(std::string_view(data).substr(0, head_end), head, problem)) {
      return refuse(fd, problem.status, problem.text);
   }
   if (head.method != "POST") return refuse(fd, 405, "only POST is taken here");
   if (head.chunked || head.content_length < 0) return refuse(fd, 411, "a Content-Length body is required");
   if (static_cast<unsigned long long>(head.content_length) > options_.max_body) {
      return refuse(fd, 413, "body over " + std::to_string(options_.max_body) + " bytes");
   }
   if (head.expect_continue && data.size() == head_end) send_all(fd, "HTTP/1.1 100 Continue\r\n\r\n");
   const std::size_t total = head_end + static_cast<std::size_t>(head.content_length);
   if (!read_until(fd, data, total, deadline, [](const std::string &) { return false; })) {
      return refuse(fd, 408, "the body did not arrive in time");
   }
   InboundRequest request{std::move(head.path), std::move(head.query), std::move(head.headers), data.substr(head_end, total - head_end)};
   answer(fd, handler_(request));
}

}  // namespace portier::http
