// SPDX-License-Identifier: GPL-3.0-or-later
// The consoles and the engine, on the I/O thread: a console's frame becomes a command submitted
// through portier.host.client/1 under the plugin's own request id; the engine's answer goes to
// the console that asked (with its own "id"), an event (request id 0) to every console whose
// session may see it; a console that joins gets a snapshot first. Every console belongs to a
// log-on session and is scoped to it (tenant_scope.h). The plugin's own questions to the core
// (authenticate, session_ended) go the same way with a callback for the answer. No sockets: a
// console is whatever can take a message.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <variant>

#include <portier/host.hpp>
#include <portier/kind/client.h>

#include "console_frames.h"
#include "contact_watch.h"
#include "request_routes.h"
#include "send_queue.h"
#include "tenant_scope.h"

namespace portier::web {

// Where a console's messages go: its connection's bounded send queue. Called on the I/O thread.
class ConsoleOutbox {
public:
   virtual void send(Message m) = 0;
   // Closes the WebSocket with this code and reason once what is queued before is sent.
   virtual void close(std::uint16_t code, std::string reason) = 0;

protected:
   ~ConsoleOutbox() = default;
};

inline constexpr std::size_t kMaxCommandsWaiting = 64;  // per console, answers not yet back
inline constexpr std::size_t kMaxKnownAttendants = 100000;

class Hub {
public:
   // `client` is the host's service (never nullptr); `host` is for its ctx and the log.
   Hub(Host host, const portier_host_client_v1 *client, std::size_t max_waiting = kMaxCommandsWaiting)
       : host_(host), client_(client), routes_(max_waiting) {}

   // A console of a logged-on session connected: registers it and asks the engine for a
   // snapshot on its behalf. Returns its number for on_frame and leave.
   std::uint64_t join(std::weak_ptr<ConsoleOutbox> outbox, Scope scope);
   // The console's connection closed: its answers still coming are dropped.
   void leave(std::uint64_t console);
   // One text frame of a console: a command for the engine, or a refusal sent straight back;
   // watch_contacts the hub answers itself (contact_watch.h).
   void on_frame(std::uint64_t console, std::string_view text);
   // A binary frame: refused, the connection stays.
   void on_binary_frame(std::uint64_t console);
   // A message from the engine (deliver): the answer to `request_id`, or an event when it is 0.
   // A contact_state event goes only to the consoles watching its contact (contact_watch.h).
   void deliver(std::uint64_t request_id, std::string text);

   // A question of the plugin's own to the core; `on_answer` gets the answer text exactly once
   // (at once, with a refusal in the engine's shape, when it cannot be submitted).
   void ask(std::string command, std::function<void(std::string)> on_answer);
   // Closes every console of the session.
   void close_session(std::string_view session, std::uint16_t code, const std::string &reason);
   // Closes every console (the server is stopping: 1001), each once its queue is sent.
   void close_all(std::uint16_t code, const std::string &reason);

   std::size_t consoles() const { return consoles_.size(); }
   std::size_t commands_waiting() const { return routes_.waiting(); }
   // The tenant of a logged-on attendant as the last snapshot or log_on showed it.
   std::optional<std::string> attendant_tenant(std::string_view attendant) const;

private:
   struct Console {
      std::weak_ptr<ConsoleOutbox> outbox;
      Scope scope;
      WatchSet watching;  // the contacts on its screen, as its last watch_contacts said
   };

   // The request id the command went under, or the refusal to give instead.
   std::variant<std::uint64_t, std::string> open_and_submit(std::uint64_t console, const EngineCommand &command);
   void submit(std::uint64_t console, const EngineCommand &command);
   void send_to(std::uint64_t console, Message m);
   void watch(Console &console, std::uint64_t id, const EngineCommand &command);
   void deliver_contact_state(std::string text);
   void learn_attendants(std::uint64_t request_id, std::string_view answer);

   Host host_;
   const portier_host_client_v1 *client_;
   RequestRoutes routes_;
   std::uint64_t next_console_ = 1;  // 0 is the plugin itself (ask)
   std::map<std::uint64_t, Console> consoles_;
   std::map<std::uint64_t, std::function<void(std::string)>> questions_;  // by request id
   struct LogOnSent {
      std::string attendant;
      std::string tenant;
      bool tentative = false;  // the attendant was not known before
   };
   std::map<std::uint64_t, LogOnSent> log_ons_;  // by request id
   std::map<std::string, std::string, std::less<>> attendant_tenants_;
};

}  // namespace portier::web
