// SPDX-License-Identifier: GPL-3.0-or-later
// presence.unify-office's notification channel: RingCentral's WebSocket transport
// (docs/protocols/presence-calendar.md §2.4) on a thread of its own, with lib-http's WebSocket
// client. It asks /restapi/oauth/wstoken with the session's access token, connects, waits for
// ConnectionDetails before sending anything, and subscribes the extension ids it is given with
// one tunnelled subscription (per-extension filters, or the account-wide filter above
// websocket_account_filter_above ids); a changed id set replaces the subscription on the same
// socket. It sends a Heartbeat after websocket_heartbeat_seconds without a frame. After a drop it
// recovers within RingCentral's 180 s window with `wsc` (Successful: subscription kept, missed
// notifications replayed; Failed: subscribed again); a WSG-902/903 close or a late drop starts a
// new session. Failures back off (1 s doubling to backoff_max_seconds; a 429 on wstoken waits for
// Retry-After). The session polls whenever the channel is not live.
#pragma once

#include <atomic>
#include <cstdint>
#include <mutex>
#include <stop_token>
#include <string>
#include <thread>
#include <vector>

#include <portier/host.hpp>

#include "office_settings.h"
#include "office_ws_frames.h"

namespace portier::http {
class WebSocketClient;
}

namespace portier::office {

class OfficeChannel {
public:
   // Starts the channel's thread; it connects once want() gave it a token and ids. [session thread]
   OfficeChannel(Host host, OfficeSettings settings);
   // Stops the thread; an open connection is interrupted, so this returns at once. [creator]
   ~OfficeChannel();
   OfficeChannel(const OfficeChannel &) = delete;
   OfficeChannel &operator=(const OfficeChannel &) = delete;

   // The access token and extension ids to carry; new ids re-subscribe, a new token is used for
   // the next wstoken. [session thread]
   void want(const std::string &token, std::vector<std::string> ids);

   // Notifications received since the last call, oldest first. [session thread]
   std::vector<PresenceNotice> take();

   // True while a subscription of the wanted ids stands. [any]
   bool live() const noexcept { return live_.load(); }

   // Bumped on every new subscription (not on a Successful recovery): notifications may have
   // been missed before it, so the session reads everything once. [any]
   std::uint64_t fresh_subscriptions() const noexcept { return fresh_.load(); }

private:
   enum class End { stopped, dropped, session_over, failed };
   void run(std::stop_token stop);
   End converse(http::WebSocketClient &ws, const std::stop_token &stop, const std::string &url, bool recovering,
                std::string &why);
   std::vector<std::string> wanted_filters(std::uint64_t &generation);
   void deliver(PresenceNotice notice);

   Host host_;
   OfficeSettings settings_;
   mutable std::mutex mu_;
   std::string token_;                  // guarded by mu_
   std::vector<std::string> ids_;       // guarded by mu_
   std::uint64_t generation_ = 0;       // guarded by mu_; bumped by want() on new ids
   std::vector<PresenceNotice> inbox_;  // guarded by mu_
   std::atomic<bool> live_{false};
   std::atomic<std::uint64_t> fresh_{0};
   std::string wsc_;                    // channel thread: the session's recovery token
   std::vector<std::string> subscribed_;  // channel thread: the filters of the standing subscription
   bool had_live_ = false;              // channel thread: the last conversation was live
   std::jthread thread_;                // last: joined first on destruction
};

}  // namespace portier::office
