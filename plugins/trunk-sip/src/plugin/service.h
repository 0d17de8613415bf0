// SPDX-License-Identifier: GPL-3.0-or-later
// The trunk's I/O thread: owns the io_context and everything on it (Core). start() opens the
// SIP transport and the RTP range on the engine thread, so a failure fails the plugin's start;
// then the thread runs. Engine-thread calls only hand work over (asio::post); events come back
// through the host.
#pragma once

#include <atomic>
#include <memory>
#include <thread>

#include <portier/host.hpp>
#include <portier/result.hpp>
#include <portier/status.h>

#include "command.h"
#include "settings.h"

namespace portier::trunk {

struct Core;

class Service {
public:
   Service(Host host, TrunkSettings settings);
   ~Service();
   Service(const Service &) = delete;
   Service &operator=(const Service &) = delete;

   // Binds SIP and the RTP range, loads the configured media, starts the I/O thread. [engine]
   Result<void> start();
   // Ends every call, closes the sockets and joins the thread. [engine]
   void stop();

   // Queues a command: PORTIER_PENDING, or PORTIER_ERR_BUSY when too many wait. [engine]
   portier_status submit(Command command, portier_error *err);
   // Lets the I/O thread check deadlines (registration, session timers) on the host clock. [engine]
   void tick();

   // True in trunk mode once registered; config mode is never registered. [any]
   bool registered() const;
   bool config_mode() const;

private:
   std::unique_ptr<Core> core_;
   std::thread thread_;
   std::shared_ptr<std::atomic<int>> queued_ = std::make_shared<std::atomic<int>>(0);
   bool running_ = false;
};

}  // namespace portier::trunk
