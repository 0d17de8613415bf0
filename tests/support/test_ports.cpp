// SPDX-License-Identifier: GPL-3.0-or-later
#include "test_ports.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <sys/file.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <fstream>
#include <mutex>
#include <random>
#include <stdexcept>
#include <string>
#include <vector>

namespace portier::test {

namespace {

constexpr std::uint32_t kLowest = 10000;  // far above SIP's 5060-5080
constexpr int kTries = 400;

std::string lock_dir() {
   const char *tmp = std::getenv("TMPDIR");
   return std::string(tmp != nullptr && *tmp != '\0' ? tmp : "/tmp") + "/portier-test-ports";
}

// The first port the kernel hands out for port 0; reserved ports stay below it.
std::uint32_t ephemeral_low() {
   std::ifstream in("/proc/sys/net/ipv4/ip_local_port_range");
   std::uint32_t low = 0;
   if (in >> low && low > kLowest) return low;
   return 32768;
}

// The flocked fd of `port`'s lock file, or -1 when another holder has it.
int lock(const std::string &dir, std::uint32_t port) {
   const std::string path = dir + "/" + std::to_string(port);
   // Read-only: flock needs no write access, so another user's lock files serve as well.
   const int fd = ::open(path.c_str(), O_RDONLY | O_CREAT | O_CLOEXEC, 0666);
   if (fd < 0) throw std::runtime_error("cannot open " + path);
   if (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
      ::close(fd);
      return -1;
   }
   return fd;
}

// Whether a socket outside the reservations (a program on port 0, a stray server) holds `port`;
// the probe is closed at once so the test's program can bind the port.
bool bindable(std::uint32_t port, int type) {
   const int s = ::socket(AF_INET, type | SOCK_CLOEXEC, 0);
   if (s < 0) return false;
   sockaddr_in a{};
   a.sin_family = AF_INET;
   a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
   a.sin_port = htons(static_cast<std::uint16_t>(port));
   const bool ok = ::bind(s, reinterpret_cast<sockaddr *>(&a), sizeof a) == 0;
   ::close(s);
   return ok;
}

// Locks and checks `count` ports from `start`; keeps the locks (for the life of the process) only
// when all of them are free.
bool try_reserve(const std::string &dir, std::uint32_t start, std::uint32_t count, PortUse use) {
   std::vector<int> fds;
   bool ok = true;
   for (std::uint32_t p = start; p < start + count && ok; ++p) {
      const int fd = lock(dir, p);
      ok = fd >= 0;
      if (ok) fds.push_back(fd);
   }
   for (std::uint32_t p = start; p < start + count && ok; ++p) {
      ok = bindable(p, SOCK_DGRAM) && (use == PortUse::udp || bindable(p, SOCK_STREAM));
   }
   if (!ok) {
      for (const int fd : fds) ::close(fd);
   }
   return ok;  // the fds of a reservation are never closed: the kernel drops the locks at exit
}

}  // namespace

std::uint16_t reserve_ports(std::uint32_t count, PortUse use, bool even_start) {
   static std::mutex mu;
   static std::mt19937 gen{std::random_device{}()};
   const std::lock_guard<std::mutex> guard(mu);
   const std::string dir = lock_dir();
   if (::mkdir(dir.c_str(), 0777) == 0) {
      (void)::chmod(dir.c_str(), 01777);  // shared by every user's tests, like /tmp itself
   } else if (errno != EEXIST) {
      throw std::runtime_error("cannot make " + dir);
   }
   const std::uint32_t top = ephemeral_low();
   if (count == 0 || kLowest + count >= top) throw std::runtime_error("no room for " + std::to_string(count) + " ports");
   std::uniform_int_distribution<std::uint32_t> pick(kLowest, top - count);
   for (int attempt = 0; attempt < kTries; ++attempt) {
      std::uint32_t start = pick(gen);
      if (even_start) start &= ~1u;  // kLowest is even: the start stays at or above it
      if (try_reserve(dir, start, count, use)) return static_cast<std::uint16_t>(start);
   }
   throw std::runtime_error("no " + std::to_string(count) + " free ports on 127.0.0.1");
}

std::uint16_t reserve_port() { return reserve_ports(1, PortUse::udp_and_tcp, false); }

std::uint16_t reserve_rtp_range(std::uint32_t count) { return reserve_ports(count, PortUse::udp, true); }

}  // namespace portier::test
