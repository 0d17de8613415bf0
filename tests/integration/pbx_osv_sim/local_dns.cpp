// SPDX-License-Identifier: GPL-3.0-or-later
#include "local_dns.h"
#include "test_ports.h"

#include <netinet/in.h>
#include <signal.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <arpa/inet.h>
#include <fcntl.h>

#include <cerrno>
#include <chrono>
#include <thread>

extern char **environ;

namespace simtest {
namespace {

// Binds 127.0.0.1:port; 0 picks one. Returns the bound port, or 0 when it is taken.
std::uint16_t bind_port(std::uint16_t port, bool tcp) {
   const int fd = ::socket(AF_INET, tcp ? SOCK_STREAM : SOCK_DGRAM, 0);
   if (fd < 0) return 0;
   sockaddr_in addr{};
   addr.sin_family = AF_INET;
   addr.sin_port = htons(port);
   addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
   std::uint16_t bound = 0;
   if (::bind(fd, reinterpret_cast<sockaddr *>(&addr), sizeof addr) == 0) {
      socklen_t len = sizeof addr;
      if (::getsockname(fd, reinterpret_cast<sockaddr *>(&addr), &len) == 0) bound = ntohs(addr.sin_port);
   }
   ::close(fd);
   return bound;
}

}  // namespace

std::uint16_t free_port() { return portier::test::reserve_port(); }

bool LocalDns::available() { return ::access(kDnsmasq, X_OK) == 0; }

LocalDns::LocalDns(const std::vector<std::string> &records) {
   // dnsmasq binds the port for UDP and TCP; a program outside the reservations may take one of
   // them first, and then dnsmasq exits at once. A few tries on fresh ports (bounded).
   for (int attempt = 0; attempt < 5 && !ready_; ++attempt) start(records);
}

void LocalDns::start(const std::vector<std::string> &records) {
   port_ = free_port();  // free for UDP and TCP
   std::vector<std::string> args = {kDnsmasq,
                                    "--keep-in-foreground",
                                    "--no-daemon",
                                    "--no-resolv",
                                    "--no-hosts",
                                    "--conf-file=/dev/null",
                                    "--pid-file=",
                                    "--bind-interfaces",
                                    "--listen-address=127.0.0.1",
                                    "--port=" + std::to_string(port_),
                                    "--log-facility=/dev/null"};
   if (::geteuid() == 0) args.push_back("--user=root");  // no switch to a user that may not exist
   args.insert(args.end(), records.begin(), records.end());
   std::vector<char *> argv;
   for (std::string &a : args) argv.push_back(a.data());
   argv.push_back(nullptr);
   // its start-up chatter goes to stderr whatever the log options say; keep the test output clean
   posix_spawn_file_actions_t quiet;
   ::posix_spawn_file_actions_init(&quiet);
   ::posix_spawn_file_actions_addopen(&quiet, 1, "/dev/null", O_WRONLY, 0);
   ::posix_spawn_file_actions_addopen(&quiet, 2, "/dev/null", O_WRONLY, 0);
   const int spawned = ::posix_spawn(&pid_, kDnsmasq, &quiet, nullptr, argv.data(), environ);
   ::posix_spawn_file_actions_destroy(&quiet);
   if (spawned != 0) {
      pid_ = -1;
      return;
   }
   // ready once its UDP port is taken (bounded: 5 s)
   for (int i = 0; i < 250 && !ready_; ++i) {
      int status = 0;
      if (::waitpid(pid_, &status, WNOHANG) == pid_) {  // it gave up (bad option, port taken)
         pid_ = -1;
         return;
      }
      ready_ = bind_port(port_, false) == 0;
      if (!ready_) std::this_thread::sleep_for(std::chrono::milliseconds(20));
   }
}

LocalDns::~LocalDns() {
   if (pid_ <= 0) return;
   ::kill(pid_, SIGTERM);
   int status = 0;
   for (int i = 0; i < 100; ++i) {
      if (::waitpid(pid_, &status, WNOHANG) == pid_) return;
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
   }
   ::kill(pid_, SIGKILL);
   ::waitpid(pid_, &status, 0);
}

}  // namespace simtest
