// SPDX-License-Identifier: GPL-3.0-or-later
// The Circuit session of presence.circuit, on the plugin's own thread: keeps the bot's
// client-credentials token (renewed before expiry when it has one, and once more on a 401),
// resolves subscribed e-mails to user ids with /users/list in batches of batch_size, and polls
// /users/presence in batches of batch_size at the interval the request budget allows. A batch
// that answers 404 (one id no longer exists: Circuit fails the whole call) is halved until the
// missing id is found and reported unknown. 429 waits for Retry-After; 5xx and dropped
// connections back off exponentially; the plugin is limited while degraded and running again
// after the next success. Events go out the first time a key is known and on every change.
// With `push` on (through the proxy when one is set), the WebSocket event channel (circuit_push.h) carries changes;
// while it is live, full reads are spaced push_poll_interval_seconds apart as a safety net.
#pragma once

#include <cstdint>
#include <deque>
#include <memory>
#include <optional>
#include <stop_token>
#include <string>
#include <unordered_map>
#include <vector>

#include <portier/host.hpp>

#include "circuit_presence.h"
#include "circuit_push.h"
#include "circuit_settings.h"
#include "command_queue.h"
#include "http_client.h"
#include "key_entry.h"
#include "request_health.h"

namespace portier::circuit {

class CircuitSession {
public:
   // `queue` must outlive the session. [engine thread]
   CircuitSession(Host host, CircuitSettings settings, http::CommandQueue &queue);

   // The thread's body: returns when `stop` is requested (at the latest one request timeout
   // later). [plugin thread]
   void run(std::stop_token stop);

private:
   using Entry = http::KeyEntry;  // resolution, service id, last state reported
   using Resolution = http::KeyEntry::Resolution;

   void take_commands();
   void feed_push();
   bool ensure_token();
   bool fetch_token();
   http::HttpResult circuit_get(const std::string &url);
   void resolve_batch();
   void poll_step();
   void report_id(const std::string &id, const PortierPresence &state, std::int64_t confirmed_us);
   bool failed(const http::HttpResult &result, const std::string &what);
   void succeeded();
   void report(const std::string &mail, Entry &entry, const PortierPresence &state, std::int64_t confirmed_us);

   Host host_;
   CircuitSettings settings_;
   http::CommandQueue &queue_;
   http::HttpClient http_;
   http::RequestHealth health_;         // backoff, the wait before the next request, degraded
   std::string token_;
   std::int64_t token_renew_us_ = 0;
   std::unordered_map<std::string, Entry> keys_;                     // by e-mail as subscribed
   std::unordered_map<std::string, std::vector<std::string>> mails_; // user id -> its subscribed e-mails
   std::deque<std::string> to_resolve_;
   std::deque<std::vector<std::string>> sweep_;  // id chunks of the sweep in progress, next first
   std::int64_t sweep_started_us_ = 0; // when the last sweep was cut into chunks
   std::int64_t sweep_interval_us_ = 0;
   bool sweep_now_ = true;              // start the next sweep without waiting (new users)
   std::unique_ptr<CircuitPush> push_;  // null: polling only
   std::uint64_t ids_version_ = 1;      // bumped whenever mails_ gains or loses an id
   std::uint64_t pushed_version_ = 0;
   std::string pushed_token_;
   bool viewed_once_ = false;           // a sweep has completed since start
};

}  // namespace portier::circuit
