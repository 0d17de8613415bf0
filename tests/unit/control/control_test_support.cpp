// SPDX-License-Identifier: GPL-3.0-or-later
#include "control_test_support.h"

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <future>
#include <stdexcept>

#include <poll.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

namespace portier::control::test {

TempDir::TempDir() {
   char pattern[] = "/tmp/portier-ctl-XXXXXX";
   if (::mkdtemp(pattern) == nullptr) throw std::runtime_error("mkdtemp failed");
   path_ = pattern;
}

TempDir::~TempDir() {
   std::error_code ignored;
   std::filesystem::remove_all(path_, ignored);
}

RunningServer::RunningServer(const std::filesystem::path &socket, Handler handler)
    : guard_(boost::asio::make_work_guard(io_)) {
   server_ = ControlServer::open(io_, socket, std::move(handler), error_);
   thread_ = std::thread([this] { io_.run(); });
}

void RunningServer::close() {
   std::promise<void> done;
   boost::asio::post(io_, [&] {
      server_.reset();
      done.set_value();
   });
   done.get_future().wait();
}

RunningServer::~RunningServer() {
   close();
   guard_.reset();
   io_.stop();
   thread_.join();
}

namespace {

sockaddr_un address_of(const std::filesystem::path &path) {
   sockaddr_un addr{};
   addr.sun_family = AF_UNIX;
   const std::string s = path.string();
   if (s.size() >= sizeof addr.sun_path) throw std::runtime_error("socket path too long");
   std::memcpy(addr.sun_path, s.data(), s.size());
   return addr;
}

}  // namespace

RawResult raw_exchange(const std::filesystem::path &socket, const std::string &bytes,
                       bool shutdown_write, std::chrono::milliseconds timeout) {
   using Clock = std::chrono::steady_clock;
   const auto start = Clock::now();
   const auto deadline = start + timeout;
   RawResult result;
   const int fd = ::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
   const auto addr = address_of(socket);
   if (::connect(fd, reinterpret_cast<const sockaddr *>(&addr), sizeof addr) != 0) {
      ::close(fd);
      throw std::runtime_error(std::string("connect: ") + std::strerror(errno));
   }
   // Blocking send; an early refusal from the server shows up as EPIPE/ECONNRESET here.
   std::size_t sent = 0;
   while (sent < bytes.size()) {
      const ssize_t n = ::send(fd, bytes.data() + sent, bytes.size() - sent, MSG_NOSIGNAL);
      if (n <= 0) break;
      sent += static_cast<std::size_t>(n);
   }
   if (shutdown_write) ::shutdown(fd, SHUT_WR);
   char chunk[4096];
   for (;;) {
      const auto left =
          std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
      if (left.count() <= 0) break;
      pollfd p{fd, POLLIN, 0};
      if (::poll(&p, 1, static_cast<int>(left.count())) <= 0) break;
      const ssize_t n = ::recv(fd, chunk, sizeof chunk, 0);
      if (n <= 0) {
         result.closed = true;
         break;
      }
      result.received.append(chunk, static_cast<std::size_t>(n));
   }
   result.elapsed = std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - start);
   ::close(fd);
   return result;
}

void make_stale_socket(const std::filesystem::path &path) {
   const int fd = ::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
   const auto addr = address_of(path);
   if (::bind(fd, reinterpret_cast<const sockaddr *>(&addr), sizeof addr) != 0) {
      ::close(fd);
      throw std::runtime_error(std::string("bind: ") + std::strerror(errno));
   }
   ::close(fd);
}

}  // namespace portier::control::test
