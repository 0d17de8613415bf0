// SPDX-License-Identifier: GPL-3.0-or-later
// A simulator's office and SIP side on an io_context thread of their own, with the office clock
// moved by real time and every office event kept for the test (every extension is monitored);
// plus a SIP client for REGISTER, and SIPp started and stopped by pid.
#pragma once

#include <sys/types.h>

#include <chrono>
#include <cstdint>
#include <future>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include <utility>

#include <boost/asio.hpp>

#include "office/office.h"
#include "sip/sip_side.h"

namespace portier::pbxsim::test {

// 201 answers after 300 ms, 202 is busy, 203 never answers, 204 is in DND; outside callers.
OfficeSpec sip_office();
// The SIP side on port 0 with a free RTP range, the trunk portier-cps / portier / secret.
SipOptions sip_test_options();

class SimSipRig {
public:
   SimSipRig(OfficeSpec spec, SipOptions options);
   ~SimSipRig();

   template <typename F>
   auto on_io(F fn) -> decltype(fn()) {
      std::packaged_task<decltype(fn())()> task(std::move(fn));
      auto result = task.get_future();
      boost::asio::post(io_, [&task] { task(); });
      return result.get();
   }
   SipSide &sip() { return *sip_; }
   Office &office() { return office_; }
   std::uint16_t port() const { return port_; }
   // Every event so far, including those the office emitted since the last tick.
   std::vector<OfficeEvent> events() {
      return on_io([this] {
         for (auto &event : office_.drain_events()) events_.push_back(std::move(event));
         return events_;
      });
   }
   // Waits (bounded) until `ready` (run on the io thread) is true.
   bool wait_until(const std::function<bool()> &ready, std::chrono::milliseconds limit = std::chrono::seconds(10));

   // REGISTER as the trunk with digest; the final status (0 when nothing came back).
   int register_trunk(const std::string &register_id, const std::string &user, const std::string &password,
                      std::uint16_t contact_port, std::uint32_t expires, std::string *min_expires = nullptr);

private:
   void tick();

   boost::asio::io_context io_;
   OfficeSpec spec_;
   Office office_;
   std::unique_ptr<SipSide> sip_;
   boost::asio::steady_timer clock_;
   std::chrono::steady_clock::time_point last_;
   std::vector<OfficeEvent> events_;
   std::uint16_t port_ = 0;
   std::thread thread_;
};

// A port on 127.0.0.1 free for UDP and TCP, reserved for this test process so no test running in
// parallel takes it (tests/support/test_ports.h).
std::uint16_t free_udp_port();

// SIPp's media port (-mp), reserved the same way: SIPp binds it and the port two above.
std::uint16_t free_sipp_media_port();

// SIPp as a child process; killed by pid when still running at the end.
class Sipp {
public:
   Sipp(const std::vector<std::string> &args, const std::string &log_file);
   ~Sipp();
   // The exit code, or -1 when it did not end within `limit` (then it is killed).
   int wait(std::chrono::milliseconds limit);
   std::string log() const;

private:
   pid_t pid_ = -1;
   std::string log_file_;
};

std::string scenario(const std::string &name);

}  // namespace portier::pbxsim::test
