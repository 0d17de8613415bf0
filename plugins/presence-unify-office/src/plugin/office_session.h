// SPDX-License-Identifier: GPL-3.0-or-later
// The RingCentral session of presence.unify-office, on the plugin's own thread: keeps a token
// (JWT or password grant, renewed with the refresh token before expiry and after a 401), reads
// the account's extension list page by page to find the id of each subscribed extension number,
// and polls presence in batch reads of at most 30 ids. Every request waits for room in its API
// group's window (Light: presence, Medium: extension list, Auth: token), so the plugin stays
// inside its share of the group limits; a 429 stops all requests until Retry-After has passed
// (a request during RingCentral's penalty restarts it), 5xx and dropped connections back off
// exponentially. The plugin is limited while degraded and running after the next full sweep.
// With `websocket` on, the notification channel (office_channel.h) carries changes; while it is
// live, sweeps stop except one after each new subscription, and a failing poll alone does not
// make the plugin limited.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <set>
#include <stop_token>
#include <string>
#include <unordered_map>
#include <vector>

#include <portier/host.hpp>

#include "command_queue.h"
#include "http_client.h"
#include "key_entry.h"
#include "office_channel.h"
#include "office_presence.h"
#include "office_settings.h"
#include "rate_window.h"
#include "request_health.h"

namespace portier::office {

class OfficeSession {
public:
   // `queue` must outlive the session. [engine thread]
   OfficeSession(Host host, OfficeSettings settings, http::CommandQueue &queue);

   // The thread's body: returns when `stop` is requested (at the latest one request timeout
   // later). [plugin thread]
   void run(std::stop_token stop);

private:
   using Entry = http::KeyEntry;  // resolution, service id, last state reported
   using Resolution = http::KeyEntry::Resolution;
   enum class Group { light, medium, auth };

   void take_commands();
   void resolve(const std::string &number, Entry &entry, std::int64_t now_us);
   bool need_listing(std::int64_t now) const;
   bool room_in(Group group);
   bool ensure_token();
   http::HttpResult send(Group group, const http::HttpRequest &request);
   void list_step();
   void poll_step();
   bool failed(Group group, const http::HttpResult &result, const std::string &what);
   void succeeded();
   void report(const std::string &number, Entry &entry, const PortierPresence &state, std::int64_t confirmed_us);
   void set_limited(const std::string &why);
   void feed_channel();
   void apply(PresenceNotice &notice);

   Host host_;
   OfficeSettings settings_;
   http::CommandQueue &queue_;
   http::HttpClient http_;
   http::RequestHealth health_;         // backoff, the wait before the next request, degraded
   RateWindow light_;
   RateWindow medium_;
   RateWindow auth_;
   std::string token_;
   std::int64_t token_renew_us_ = 0;
   std::string refresh_token_;
   std::int64_t refresh_until_us_ = 0;
   std::unordered_map<std::string, Entry> keys_;                       // by extension number
   std::unordered_map<std::string, std::vector<std::string>> numbers_; // id -> its subscribed numbers
   std::unordered_map<std::string, std::string> directory_;            // number -> id, from the last listing
   std::unordered_map<std::string, std::string> listing_;              // the listing in progress
   int list_page_ = 0;                  // next page of the listing in progress; 0 = none
   std::int64_t listed_at_us_ = -1;     // when the last listing completed; -1 = never
   std::set<std::string> missing_;      // numbers the last listing did not know
   std::vector<std::vector<std::string>> sweep_;  // id chunks of the sweep in progress
   std::size_t sweep_next_ = 0;
   std::int64_t next_sweep_us_ = 0;
   bool viewed_once_ = false;           // a sweep has completed since start
   std::unique_ptr<OfficeChannel> channel_;  // the WebSocket channel, or null (polling only)
   bool channel_dirty_ = true;          // the resolved id set changed since want()
   std::string channel_token_;          // the token the channel has
   std::uint64_t fresh_seen_ = 0;       // channel subscriptions already followed by a sweep
   bool resync_ = false;                // a sweep is owed after a new subscription
   std::unordered_map<std::string, std::int64_t> sequence_;  // id -> last notification sequence
   std::unordered_map<std::string, OfficePresence> last_;    // id -> last full presence seen
};

}  // namespace portier::office
