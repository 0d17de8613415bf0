// SPDX-License-Identifier: GPL-3.0-or-later
// The consoles and the engine, on the I/O thread: a console's frame becomes a command submitted
// through portier.host.client/1 under the plugin's own request id; the engine's answer goes to
// the console that asked (with its own "id"), an event (request id 0) to every console; a console
// that joins gets a snapshot first. No sockets: a console is whatever can take a message.
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <string_view>

#include <portier/host.hpp>
#include <portier/kind/client.h>

#include "console_frames.h"
#include "request_routes.h"
#include "send_queue.h"

namespace portier::web {

// Where a console's messages go: its connection's bounded send queue. Called on the I/O thread.
class ConsoleOutbox {
public:
   virtual void send(Message m) = 0;

protected:
   ~ConsoleOutbox() = default;
};

inline constexpr std::size_t kMaxCommandsWaiting = 64;  // per console, answers not yet back

class Hub {
public:
   // `client` is the host's service (never nullptr); `host` is for its ctx and the log.
   Hub(Host host, const portier_host_client_v1 *client, std::size_t max_waiting = kMaxCommandsWaiting)
       : host_(host), client_(client), routes_(max_waiting) {}

   // A console connected: registers it and asks the engine for a snapshot on its behalf. Returns
   // its number for on_frame and leave.
   std::uint64_t join(std::weak_ptr<ConsoleOutbox> outbox);
   // The console's connection closed: its answers still coming are dropped.
   void leave(std::uint64_t console);
   // One text frame of a console: a command for the engine, or a refusal sent straight back.
   void on_frame(std::uint64_t console, std::string_view text);
   // A binary frame: refused, the connection stays.
   void on_binary_frame(std::uint64_t console);
   // A message from the engine (deliver): the answer to `request_id`, or an event when it is 0.
   void deliver(std::uint64_t request_id, std::string text);

   std::size_t consoles() const { return consoles_.size(); }
   std::size_t commands_waiting() const { return routes_.waiting(); }

private:
   void submit(std::uint64_t console, const EngineCommand &command);
   void send_to(std::uint64_t console, Message m);

   Host host_;
   const portier_host_client_v1 *client_;
   RequestRoutes routes_;
   std::uint64_t next_console_ = 1;
   std::map<std::uint64_t, std::weak_ptr<ConsoleOutbox>> consoles_;
};

}  // namespace portier::web
