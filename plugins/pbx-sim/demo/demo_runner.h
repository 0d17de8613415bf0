// SPDX-License-Identifier: GPL-3.0-or-later
// Drives Traffic on the server's io_context: a steady timer steps it at the office clock and
// flushes the resulting events to the CSTA clients.
#pragma once

#include <memory>

#include "demo/traffic.h"
#include "server/csta_server.h"

namespace portier::pbxsim {

class DemoRunner {
public:
   DemoRunner(boost::asio::io_context &io, Office &office, CstaServer &server, const OfficeSpec &spec,
              TrafficOptions options, SimLog log);
   ~DemoRunner();
   DemoRunner(const DemoRunner &) = delete;
   DemoRunner &operator=(const DemoRunner &) = delete;

   void start();
   // On the io_context only.
   const Traffic &traffic() const { return traffic_; }

private:
   void tick();

   Office &office_;
   CstaServer &server_;
   Traffic traffic_;
   SimLog log_;
   boost::asio::steady_timer timer_;
   std::shared_ptr<bool> alive_ = std::make_shared<bool>(true);
};

}  // namespace portier::pbxsim
