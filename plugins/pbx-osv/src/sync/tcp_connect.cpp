// SPDX-License-Identifier: GPL-3.0-or-later
#include "tcp_connect.h"

#include <fcntl.h>
#include <netdb.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <memory>

#include "sftp_fetch.h"

namespace portier::osv {
namespace {

using Clock = std::chrono::steady_clock;
constexpr std::chrono::milliseconds kSlice{100};  // how often a wait looks at the cancel flag

struct AddrFree {
   void operator()(addrinfo *a) const { freeaddrinfo(a); }
};

bool set_blocking(int fd, bool blocking) {
   const int flags = ::fcntl(fd, F_GETFL, 0);
   if (flags < 0) return false;
   return ::fcntl(fd, F_SETFL, blocking ? (flags & ~O_NONBLOCK) : (flags | O_NONBLOCK)) == 0;
}

// 0 when connected, else the errno; ETIMEDOUT at the deadline, ECANCELED when cancelled.
int connect_one(int fd, const addrinfo &a, Clock::time_point deadline, const FetchCancel &cancel) {
   if (!set_blocking(fd, false)) return errno;
   if (::connect(fd, a.ai_addr, a.ai_addrlen) == 0) return set_blocking(fd, true) ? 0 : errno;
   if (errno != EINPROGRESS) return errno;
   for (;;) {  // bounded by the deadline
      if (cancel.cancelled()) return ECANCELED;
      const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
      if (left.count() <= 0) return ETIMEDOUT;
      pollfd p{fd, POLLOUT, 0};
      const int n = ::poll(&p, 1, static_cast<int>(std::min(left, kSlice).count()));
      if (n < 0 && errno != EINTR) return errno;
      if (n <= 0) continue;
      int error = 0;
      socklen_t len = sizeof error;
      if (::getsockopt(fd, SOL_SOCKET, SO_ERROR, &error, &len) != 0) return errno;
      if (error != 0) return error;
      return set_blocking(fd, true) ? 0 : errno;
   }
}

}  // namespace

Result<int> tcp_connect(const std::string &host, std::int64_t port, Clock::time_point deadline,
                        const FetchCancel &cancel) {
   addrinfo hints{};
   hints.ai_family = AF_UNSPEC;
   hints.ai_socktype = SOCK_STREAM;
   hints.ai_flags = AI_NUMERICSERV;
   addrinfo *raw = nullptr;
   const std::string service = std::to_string(port);
   if (const int rc = ::getaddrinfo(host.c_str(), service.c_str(), &hints, &raw); rc != 0) {
      return portier::error(PORTIER_ERR_UNAVAILABLE, "cannot resolve " + host + ": " + gai_strerror(rc));
   }
   std::unique_ptr<addrinfo, AddrFree> list(raw);
   int last = 0;
   for (const addrinfo *a = list.get(); a != nullptr; a = a->ai_next) {
      const int fd = ::socket(a->ai_family, a->ai_socktype | SOCK_CLOEXEC, a->ai_protocol);
      if (fd < 0) {
         last = errno;
         continue;
      }
      last = connect_one(fd, *a, deadline, cancel);
      if (last == 0) return fd;
      ::close(fd);
      if (last == ETIMEDOUT || last == ECANCELED) break;
   }
   if (last == ECANCELED) return portier::error(PORTIER_ERR_STATE, "cancelled");
   if (last == ETIMEDOUT) return portier::error(PORTIER_ERR_TIMEOUT, "connecting timed out");
   return portier::error(PORTIER_ERR_UNAVAILABLE, std::string("cannot connect: ") + std::strerror(last));
}

}  // namespace portier::osv
