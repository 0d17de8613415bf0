// SPDX-License-Identifier: GPL-3.0-or-later
// The Graph session of presence.teams, on the plugin's own thread: keeps a token (renewed
// before expiry, and once more on a 401), resolves subscribed e-mails to user ids in $batch
// requests of 20, and polls getPresencesByUserId in requests of 650 ids at the interval the
// throttling budget allows (poll_budget.h). 429 waits for Retry-After; 5xx and dropped
// connections back off exponentially; the plugin is limited while degraded and running again
// after the next success. Events go out the first time a key is known and on every change.
#pragma once

#include <cstdint>
#include <deque>
#include <optional>
#include <stop_token>
#include <string>
#include <unordered_map>
#include <vector>

#include <portier/host.hpp>

#include "command_queue.h"
#include "graph_presence.h"
#include "http_client.h"
#include "retry_backoff.h"
#include "teams_settings.h"

namespace portier::teams {

class GraphSession {
public:
   GraphSession(Host host, TeamsSettings settings, http::CommandQueue &queue);

   // The thread's body: returns when `stop` is requested (at the latest one request timeout
   // later). [plugin thread]
   void run(std::stop_token stop);

private:
   enum class Resolution { pending, resolved, unknown };
   struct Entry {
      Resolution resolution = Resolution::pending;
      std::string id;
      std::optional<PortierPresence> reported;  // last state sent to the host
   };

   void take_commands();
   bool ensure_token();
   bool fetch_token();
   http::HttpResult graph_call(const http::HttpRequest &request);
   void resolve_batch();
   void poll_step();
   bool failed(const http::HttpResult &result, const std::string &what);
   void succeeded();
   void report(const std::string &mail, Entry &entry, const PortierPresence &state, std::int64_t confirmed_us);
   void set_limited(const std::string &why);

   Host host_;
   TeamsSettings settings_;
   http::CommandQueue &queue_;
   http::HttpClient http_;
   http::RetryBackoff backoff_;
   std::string token_;
   std::int64_t token_renew_us_ = 0;
   std::unordered_map<std::string, Entry> keys_;                     // by e-mail as subscribed
   std::unordered_map<std::string, std::vector<std::string>> mails_; // user id -> its subscribed e-mails
   std::deque<std::string> to_resolve_;
   std::int64_t not_before_us_ = 0;     // nothing is sent before this (Retry-After, backoff)
   std::vector<std::vector<std::string>> sweep_;  // id chunks of the sweep in progress
   std::size_t sweep_next_ = 0;
   std::int64_t next_sweep_us_ = 0;
   bool degraded_ = true;               // limited was reported last
   bool viewed_once_ = false;           // a sweep has completed since start
};

}  // namespace portier::teams
