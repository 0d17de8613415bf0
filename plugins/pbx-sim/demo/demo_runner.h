// SPDX-License-Identifier: GPL-3.0-or-later
// Drives Traffic on the server's io_context: a steady timer steps it at the office clock and
// flushes the resulting events to the CSTA clients.
#pragma once

#include <memory>

#include "demo/traffic.h"
#include "server/csta_server.h"

namespace portier::pbxsim {

class SipSide;

class DemoRunner {
public:
   DemoRunner(boost::asio::io_context &io, Office &office, CstaServer &server, const OfficeSpec &spec,
              TrafficOptions options, SimLog log);
   ~DemoRunner();
   DemoRunner(const DemoRunner &) = delete;
   DemoRunner &operator=(const DemoRunner &) = delete;

   void start();
   // With a SIP side, an outside caller dials a CPS number now and then while the trunk is
   // registered (holds after a while, hangs up later; unanswered, gives up after a few seconds).
   void use_sip(SipSide *sip, std::uint32_t every_ms = kSipEveryMs);
   static constexpr std::uint32_t kSipEveryMs = 6000;
   std::uint64_t sip_calls_placed() const { return sip_placed_; }
   // On the io_context only.
   const Traffic &traffic() const { return traffic_; }

private:
   void tick();
   void sip_tick();

   Office &office_;
   CstaServer &server_;
   Traffic traffic_;
   SimLog log_;
   SipSide *sip_ = nullptr;
   std::uint32_t sip_every_ms_ = kSipEveryMs;
   std::uint64_t next_sip_at_ = 0;
   std::uint64_t sip_placed_ = 0;
   std::vector<std::string> outside_;
   boost::asio::steady_timer timer_;
   std::shared_ptr<bool> alive_ = std::make_shared<bool>(true);
};

}  // namespace portier::pbxsim
