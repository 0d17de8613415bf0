// SPDX-License-Identifier: GPL-3.0-or-later
// presence.circuit's event channel: Circuit's WebSocket (wss://{domain}/api?accessToken=..., the
// SDK's protocol, docs/protocols/presence-calendar.md §3.4) on a thread of its own, with
// lib-http's WebSocket client (through the proxy when one is set). It subscribes the ids it is
// given (SUBSCRIBE_PRESENCE, batch_size ids a request) and hands every state it receives to the session thread, which reports it. It is live once every
// subscription was answered OK; a drop, a refused handshake or an error code ends the connection,
// and it reconnects after a backoff (1 s doubling to 30 s) while the session polls as before.
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <mutex>
#include <stop_token>
#include <string>
#include <thread>
#include <vector>

#include <portier/host.hpp>

#include "circuit_presence.h"
#include "circuit_settings.h"

namespace portier::circuit {

class CircuitPush {
public:
   // Starts the channel's thread; it connects once want() gave it a token and ids. [engine or
   // session thread]
   CircuitPush(Host host, CircuitSettings settings);
   // Stops the thread: interrupts the connection, so it returns at once. [the thread that created it]
   ~CircuitPush();
   CircuitPush(const CircuitPush &) = delete;
   CircuitPush &operator=(const CircuitPush &) = delete;

   // The token and the user ids the channel carries; a change reconnects with them. [session thread]
   void want(const std::string &token, std::vector<std::string> ids);

   // States received since the last call, oldest first. [session thread]
   std::vector<CircuitPresence> take();

   // True while connected with every wanted id subscribed. [any]
   bool live() const noexcept { return live_.load(); }

   // Called from the channel's loop (internal). [channel thread]
   void deliver(std::vector<CircuitPresence> states);
   void set_live(bool live) noexcept { live_.store(live); }

private:
   void run(std::stop_token stop);

   Host host_;
   CircuitSettings settings_;
   mutable std::mutex mu_;
   std::string token_;                    // guarded by mu_
   std::vector<std::string> ids_;         // guarded by mu_
   std::uint64_t generation_ = 0;         // guarded by mu_; bumped by want()
   std::vector<CircuitPresence> inbox_;   // guarded by mu_
   std::atomic<bool> live_{false};
   std::jthread thread_;                  // last: joined first on destruction
};

}  // namespace portier::circuit
