// SPDX-License-Identifier: GPL-3.0-or-later
// A real DNS server for the tests: dnsmasq in the foreground on 127.0.0.1 and a free port, with
// only the records the test gives (no /etc/hosts, no upstream, no config file). Killed and
// reaped by the destructor.
#pragma once

#include <sys/types.h>

#include <cstdint>
#include <string>
#include <vector>

namespace simtest {

inline constexpr char kDnsmasq[] = "/usr/sbin/dnsmasq";

class LocalDns {
public:
   // `records`: dnsmasq options such as "--srv-host=..." and "--host-record=...".
   explicit LocalDns(const std::vector<std::string> &records);
   ~LocalDns();
   LocalDns(const LocalDns &) = delete;
   LocalDns &operator=(const LocalDns &) = delete;

   static bool available();
   bool started() const { return pid_ > 0 && ready_; }
   std::uint16_t port() const { return port_; }
   std::string address() const { return "127.0.0.1:" + std::to_string(port_); }

private:
   void start(const std::vector<std::string> &records);
   pid_t pid_ = -1;
   std::uint16_t port_ = 0;
   bool ready_ = false;
};

// A port on 127.0.0.1 free for UDP and TCP, reserved for this test process so no test running
// in parallel takes it (tests/support/test_ports.h). Throws std::runtime_error when none is found.
std::uint16_t free_port();

}  // namespace simtest
