// SPDX-License-Identifier: GPL-3.0-or-later
// Where Graph's deliveries to presence.teams arrive: lib-http's notification listener and the
// hand-off to the Graph session's thread. The listener's thread answers the validation handshake
// itself (so it works while the session waits for its POST /subscriptions), checks every item's
// clientState against this instance's random secret (a mismatch is ignored and counted), queues
// the named user ids and lifecycle events, and answers 202 at once.
#pragma once

#include <cstdint>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

#include "notification_listener.h"

namespace portier::teams {

struct LifecycleEvent {
   std::string event;            // reauthorizationRequired, subscriptionRemoved, missed, ...
   std::string subscription_id;
};

// What arrived since the last take().
struct Deliveries {
   std::vector<std::string> user_ids;        // in arrival order, possibly repeated
   std::vector<LifecycleEvent> lifecycle;
   std::uint64_t wrong_client_state = 0;     // items ignored for a wrong or missing clientState
   std::uint64_t malformed = 0;              // bodies refused with 400
};

class WebhookInbox {
public:
   // `client_state`: the secret every subscription of this instance carries.
   explicit WebhookInbox(std::string client_state);

   // Starts listening; "" on success, else why not. [session thread; once]
   std::string start(const std::string &address, int port);

   // Everything delivered since the last call. [session thread]
   Deliveries take();

   const std::string &client_state() const { return client_state_; }

private:
   http::InboundReply handle(const http::InboundRequest &request);

   const std::string client_state_;
   std::mutex mutex_;
   Deliveries pending_;  // guarded by mutex_
   http::NotificationListener listener_;  // last: stopped before the rest goes
};

// A random clientState: 32 hex digits from std::random_device.
std::string random_client_state();

}  // namespace portier::teams
