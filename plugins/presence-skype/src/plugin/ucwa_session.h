// SPDX-License-Identifier: GPL-3.0-or-later
// The UCWA session of presence.skype, on the plugin's own thread (docs/protocols/
// presence-calendar.md §5): discovery (lyncdiscover root -> user resource), the MsRtcOAuth
// password grant (token renewed before expiry, and once more on a 401), the application, presence
// subscriptions in batches (renewed before they expire or when the server says they are about
// to), presence read in multipart batches, and the event channel's long poll, always following
// its `next` link. A 409 (PGetReplaced) or 404 on the channel means the application is lost: a
// new one is created and everything subscribed and read again. 429 and 503 wait for Retry-After;
// other 5xx and dropped connections back off exponentially. The plugin is limited while degraded
// and running again after the next complete view.
#pragma once

#include <atomic>
#include <cstdint>
#include <deque>
#include <optional>
#include <stop_token>
#include <string>
#include <unordered_map>
#include <vector>

#include <portier/host.hpp>

#include "command_queue.h"
#include "http_client.h"
#include "request_health.h"
#include "skype_settings.h"
#include "ucwa_links.h"
#include "ucwa_presence.h"

namespace portier::skype {

class UcwaSession {
public:
   // `wake` is set by the engine thread after it queued commands; the long poll is cut short for
   // them. Both `queue` and `wake` must outlive the session.
   UcwaSession(Host host, SkypeSettings settings, http::CommandQueue &queue, std::atomic<bool> &wake);

   // The thread's body: returns when `stop` is requested (within about a second, the long poll
   // included). [plugin thread]
   void run(std::stop_token stop);

private:
   enum class Phase { discover, application, ready };
   struct Key {
      std::int32_t type = 0;
      std::string key;
      bool operator==(const Key &) const = default;
   };
   struct Contact {
      std::vector<Key> keys;                    // the subscribed keys naming this address
      std::string subscription;                 // self href of the subscription holding it, "" = none
      bool queued_subscribe = false;            // waiting in to_subscribe_
      bool queued_read = false;                 // waiting in to_read_
      std::optional<PortierPresence> reported;  // last state sent to the host
      std::int64_t confirmed_us = 0;            // host time of the answer that gave it
   };
   struct Subscription {
      std::string add;                  // addToPresenceSubscription, absolute
      std::vector<std::string> members; // addresses
      std::int64_t renew_us = 0;        // steady clock
   };

   void take_commands();
   void queue_subscribe(const std::string &address);
   void queue_read(const std::string &address);
   bool discover();
   bool authorise(const std::string &user_url);
   bool fetch_token();
   bool create_application();
   void application_lost(const std::string &why);
   http::HttpResult call(http::HttpClient &client, http::HttpRequest request);
   void subscribe_step();
   bool renew_due(std::int64_t now) const;
   void renew_step();
   void read_step();
   void event_step(const std::stop_token &stop);
   bool failed(const http::HttpResult &result, const std::string &what);
   void succeeded();
   void forget_subscription(const std::string &self);
   void report(const std::string &address, const PortierPresence &state, std::int64_t confirmed_us);
   void post(const Key &key, const PortierPresence &state, std::int64_t confirmed_us);

   Host host_;
   SkypeSettings settings_;
   http::CommandQueue &queue_;
   std::atomic<bool> &wake_;
   std::stop_token stop_;               // the running thread's, for the long poll's cancel check
   std::int64_t poll_deadline_us_ = 0;  // the long poll is cut at this steady time
   http::HttpClient http_;
   http::HttpClient events_http_;       // the long poll, with its longer timeout
   http::RequestHealth health_;         // backoff, the wait before the next request, degraded
   std::string endpoint_id_;

   Phase phase_ = Phase::discover;
   std::string user_url_;               // the user resource, absolute
   std::string token_url_;
   std::string token_;
   std::int64_t token_renew_us_ = 0;
   std::string app_url_;                // the application's self, absolute
   std::string batch_url_;
   std::string subscriptions_url_;
   std::string events_url_;             // the next P-GET

   std::unordered_map<std::string, Contact> contacts_;          // by address (lower case, no sip:)
   std::unordered_map<std::string, Subscription> subscriptions_; // by self href, absolute
   std::string filling_;                // the subscription new members are added to
   std::deque<std::string> to_subscribe_;
   std::deque<std::string> to_read_;
   bool viewed_once_ = false;           // everything subscribed has been read since the application was made
};

}  // namespace portier::skype
