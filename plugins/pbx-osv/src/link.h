// SPDX-License-Identifier: GPL-3.0-or-later
// The CSTA link to one OpenScape Voice: owns the I/O thread and its io_context, the socket, the
// session (SystemStatus / SystemRegister handshake, heartbeat), the requests in flight and the
// monitored devices. Engine-thread calls only hand work to the I/O thread; everything else runs
// there. Results and state changes reach the engine through the host's post_event.
#pragma once

#include <atomic>
#include <cstdint>
#include <memory>
#include <string>

#include <portier/host.hpp>
#include <portier/status.h>

#include "config.h"

namespace portier::osv {

// One command of the portier.pbx/1 table, as handed to the I/O thread.
struct Command {
   enum class Op {
      monitor_start, monitor_stop, snapshot, make_call, answer, clear, hold, retrieve, consult,
      transfer, single_step_transfer, deflect, set_forwarding, set_dnd, get_features,
   };
   Op op = Op::snapshot;
   std::uint64_t correlation = 0;
   std::string device;
   std::string call_id;   // the call (held call for consult and transfer)
   std::string call_id2;  // the active call of a transfer
   std::string number;
   std::int32_t type = 0;  // forwarding type
   bool on = false;
};

class Link {
public:
   Link(Host host, Config config);
   ~Link();
   Link(const Link &) = delete;
   Link &operator=(const Link &) = delete;

   // Starts the I/O thread and the first connection attempt; never blocks on the network.
   void start();
   // Closes the link and joins the I/O thread. After it returns nothing calls the host.
   void stop();

   // True once the handshake is done and until the link drops. [any]
   bool up() const { return up_.load(); }

   // Queues `cmd` for the I/O thread: PORTIER_PENDING, or PORTIER_ERR_UNAVAILABLE when the link
   // is down, PORTIER_ERR_BUSY when too many commands wait. [engine]
   portier_status submit(Command cmd, portier_error *err);

   // Lets the I/O thread check deadlines against the host clock. [engine, from a host timer]
   void tick();

   struct State;  // the I/O thread's state (link.cpp)

private:
   std::unique_ptr<State> state_;
   std::atomic<bool> up_{false};
   std::atomic<int> queued_{0};
};

}  // namespace portier::osv
