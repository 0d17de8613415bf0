// SPDX-License-Identifier: GPL-3.0-or-later
// The Graph session of presence.teams, on the plugin's own thread: keeps a token (renewed
// before expiry, and once more on a 401), resolves subscribed e-mails to user ids in $batch
// requests of 20, and polls getPresencesByUserId in requests of 650 ids at the interval the
// throttling budget allows (poll_budget.h). 429 waits for Retry-After; 5xx and dropped
// connections back off exponentially; the plugin is limited while degraded and running again
// after the next success. Events go out the first time a key is known and on every change.
// With notification_url and a delegated token it also keeps Graph presence subscriptions
// (graph_webhooks.cpp): notified ids are read at once, and polling slows to a safety net while
// every id is covered; any failure there falls back to polling and reports limited.
#pragma once

#include <cstdint>
#include <deque>
#include <memory>
#include <optional>
#include <stop_token>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include <portier/host.hpp>

#include "command_queue.h"
#include "graph_presence.h"
#include "http_client.h"
#include "key_entry.h"
#include "request_health.h"
#include "retry_backoff.h"
#include "teams_settings.h"
#include "webhook_inbox.h"

namespace portier::teams {

// While change notifications cover every id, everyone is still read this often (or at the
// budget's interval if that is longer), in case a notification was lost.
constexpr int kSafetyPollSeconds = 300;

class GraphSession {
public:
   GraphSession(Host host, TeamsSettings settings, http::CommandQueue &queue);

   // The thread's body: returns when `stop` is requested (at the latest one request timeout
   // later). [plugin thread]
   void run(std::stop_token stop);

private:
   using Entry = http::KeyEntry;  // resolution, service id, last state reported
   using Resolution = http::KeyEntry::Resolution;

   void take_commands();
   bool ensure_token();
   bool fetch_token();
   http::HttpResult graph_call(const http::HttpRequest &request);
   void resolve_batch();
   void poll_step();
   // One getPresencesByUserId request for `ids` (at most 650), each state reported. False when
   // the request failed (the wait is set) or its answer was unreadable (limited).
   bool read_presences(const std::vector<std::string> &ids);
   bool failed(const http::HttpResult &result, const std::string &what);
   void succeeded();
   void report(const std::string &mail, Entry &entry, const PortierPresence &state, std::int64_t confirmed_us);
   void report_running();
   bool presence_budget_left();
   void count_presence_request();
   std::int64_t sweep_interval_us() const;

   // graph_webhooks.cpp
   struct Subscription {
      std::string id;
      std::vector<std::string> ids;
      std::int64_t expiry_unix_s = 0;
      std::int64_t renew_unix_s = 0;
      bool reauthorize = false;  // lifecycle reauthorizationRequired: renew with a fresh token
   };
   void start_webhooks();
   void take_deliveries();
   bool webhook_step_due() const;
   void webhook_step();
   void renew_subscription(Subscription &sub);
   void create_subscription(std::vector<std::string> ids);
   void delete_subscription(const Subscription &sub);
   void webhook_failed(const std::string &what, const http::HttpResult &result, const std::string &why = {});
   bool webhooks_live() const;
   void read_notified();

   Host host_;
   TeamsSettings settings_;
   http::CommandQueue &queue_;
   http::HttpClient http_;
   http::RequestHealth health_;         // backoff, the wait before the next request, degraded
   std::string token_;
   std::int64_t token_renew_us_ = 0;
   std::unordered_map<std::string, Entry> keys_;                     // by e-mail as subscribed
   std::unordered_map<std::string, std::vector<std::string>> mails_; // user id -> its subscribed e-mails
   std::deque<std::string> to_resolve_;
   std::vector<std::vector<std::string>> sweep_;  // id chunks of the sweep in progress
   std::size_t sweep_next_ = 0;
   std::int64_t next_sweep_us_ = 0;
   bool viewed_once_ = false;           // a sweep has completed since start

   // change notifications (graph_webhooks.cpp); inbox_ is null when they are not used
   std::unique_ptr<WebhookInbox> inbox_;
   std::vector<Subscription> subs_;
   bool subs_dirty_ = true;             // the ids wanted may differ from those subscribed
   std::int64_t subs_not_before_us_ = 0;
   http::RetryBackoff subs_backoff_;
   std::string webhook_problem_;        // why notifications do not carry the view; "" when they do
   std::deque<std::string> notified_;   // ids named by notifications, to be read
   std::unordered_set<std::string> notified_set_;  // the same ids, so a burst naming one id often reads it once
   std::uint64_t wrong_client_state_ = 0;
   std::deque<std::int64_t> presence_sent_us_;  // presence requests of the last 30 s (the budget)
};

}  // namespace portier::teams
