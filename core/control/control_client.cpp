// SPDX-License-Identifier: GPL-3.0-or-later
#include "control/control_client.h"

#include <cerrno>
#include <cstring>

#include <fcntl.h>
#include <poll.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include "control/socket_file.h"

namespace portier::control {
namespace {

using Clock = std::chrono::steady_clock;

// Closes the descriptor on every return path.
class Fd {
 public:
   explicit Fd(int fd) : fd_(fd) {}
   Fd(const Fd &) = delete;
   Fd &operator=(const Fd &) = delete;
   ~Fd() {
      if (fd_ >= 0) ::close(fd_);
   }
   int get() const { return fd_; }

 private:
   int fd_;
};

// Waits for `events` until the deadline; false on timeout or poll failure.
bool wait_for(int fd, short events, Clock::time_point deadline) {
   // Bounded: each round either returns or consumes time toward the deadline (EINTR aside).
   for (int round = 0; round < 1000; ++round) {
      const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
          deadline - Clock::now());
      if (left.count() <= 0) return false;
      pollfd p{fd, events, 0};
      const int rc = ::poll(&p, 1, static_cast<int>(left.count()));
      if (rc > 0) return true;
      if (rc == 0) return false;
      if (errno != EINTR) return false;
   }
   return false;
}

std::string not_running(const std::filesystem::path &socket, int err) {
   const std::string where = socket.string();
   if (err == ENOENT) return "portierd is not running (no socket at " + where + ")";
   if (err == ECONNREFUSED) return "portierd is not running (connection refused on " + where + ")";
   if (err == EACCES) return "permission denied on control socket " + where;
   return "cannot connect to portierd on " + where + ": " + std::strerror(err);
}

std::string timed_out(const std::filesystem::path &socket, std::chrono::milliseconds timeout) {
   return "portierd did not answer on " + socket.string() + " within " +
          std::to_string(timeout.count()) + " ms";
}

}  // namespace

std::variant<nlohmann::json, std::string> request(const std::filesystem::path &socket,
                                                  const nlohmann::json &req,
                                                  std::chrono::milliseconds timeout) {
   const auto deadline = Clock::now() + timeout;
   const std::string where = socket.string();
   if (where.size() > kMaxSocketPathBytes) {
      return "control socket path is too long (at most " + std::to_string(kMaxSocketPathBytes) +
             " bytes): " + where;
   }
   Fd fd(::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0));
   if (fd.get() < 0) return std::string("cannot create a socket: ") + std::strerror(errno);

   sockaddr_un addr{};
   addr.sun_family = AF_UNIX;
   std::memcpy(addr.sun_path, where.data(), where.size());
   if (::connect(fd.get(), reinterpret_cast<const sockaddr *>(&addr), sizeof addr) != 0) {
      // A full backlog answers EAGAIN on a non-blocking Unix socket; treat it like a slow daemon.
      if (errno == EAGAIN) return timed_out(socket, timeout);
      return not_running(socket, errno);
   }

   std::string out;
   try {
      out = req.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
   } catch (const nlohmann::json::exception &e) {
      return std::string("cannot encode request: ") + e.what();
   }
   out += '\n';
   std::size_t sent = 0;
   bool send_failed = false;
   while (sent < out.size() && !send_failed) {
      if (!wait_for(fd.get(), POLLOUT, deadline)) return timed_out(socket, timeout);
      const ssize_t n = ::send(fd.get(), out.data() + sent, out.size() - sent, MSG_NOSIGNAL);
      if (n > 0) {
         sent += static_cast<std::size_t>(n);
      } else if (n < 0 && errno != EAGAIN && errno != EINTR) {
         // The daemon may have refused the request early (too long); its answer says why.
         send_failed = true;
      }
   }
   if (!send_failed) ::shutdown(fd.get(), SHUT_WR);

   std::string in;
   char chunk[4096];
   while (in.find('\n') == std::string::npos) {
      if (in.size() > kMaxAnswerBytes) {
         return "answer from portierd on " + where + " exceeds " +
                std::to_string(kMaxAnswerBytes) + " bytes";
      }
      if (!wait_for(fd.get(), POLLIN, deadline)) return timed_out(socket, timeout);
      const ssize_t n = ::recv(fd.get(), chunk, sizeof chunk, 0);
      if (n > 0) {
         in.append(chunk, static_cast<std::size_t>(n));
      } else if (n == 0) {
         break;
      } else if (errno != EAGAIN && errno != EINTR) {
         return "lost the connection to portierd on " + where + ": " + std::strerror(errno);
      }
   }
   if (const auto nl = in.find('\n'); nl != std::string::npos) in.resize(nl);
   if (in.empty()) return "portierd on " + where + " closed the connection without an answer";

   auto answer = nlohmann::json::parse(in, nullptr, false);
   if (answer.is_discarded() || !answer.is_object()) {
      return "portierd on " + where + " sent an answer that is not a JSON object";
   }
   return answer;
}

}  // namespace portier::control
