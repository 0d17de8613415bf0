// SPDX-License-Identifier: GPL-3.0-or-later
#include "ucwa_session.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <random>
#include <thread>
#include <utility>

#include <portier/event.hpp>
#include <portier/kind/presence.h>

#include "presence_post.h"
#include "request_failure.h"
#include "session_clock.h"
#include "settings_options.h"
#include "token_timing.h"
#include "ucwa_batch.h"
#include "ucwa_events.h"
#include "url_text.h"

namespace portier::skype {
namespace {

constexpr auto kIdleTurn = std::chrono::milliseconds(20);  // longest sleep before commands are looked at
constexpr int kMaxRedirects = 4;                            // discovery and user resource redirects
constexpr std::int64_t kRenewMarginUs = 5 * 60 * 1'000'000LL;  // renew a subscription this long before it ends

using http::seconds_text;
using http::steady_us;

// The REST calls' options with their own request timeout (the event channel's long poll waits
// longer than the other calls).
http::HttpOptions http_options(const SkypeSettings &s, long timeout_ms) {
   http::HttpOptions o = http::options_from_settings(s, "portier-presence-skype/1.0");
   o.timeout_ms = timeout_ms;
   return o;
}

// A random version-4 UUID: UCWA's EndpointId names this application instance.
std::string new_endpoint_id() {
   std::random_device rd;
   std::mt19937_64 rng((static_cast<std::uint64_t>(rd()) << 32) ^ rd());
   const std::uint64_t hi = (rng() & 0xFFFFFFFFFFFF0FFFULL) | 0x4000ULL;
   const std::uint64_t lo = (rng() & 0x3FFFFFFFFFFFFFFFULL) | 0x8000000000000000ULL;
   char buf[40];
   std::snprintf(buf, sizeof buf, "%08llx-%04llx-%04llx-%04llx-%012llx", static_cast<unsigned long long>(hi >> 32),
                 static_cast<unsigned long long>((hi >> 16) & 0xFFFF), static_cast<unsigned long long>(hi & 0xFFFF),
                 static_cast<unsigned long long>(lo >> 48), static_cast<unsigned long long>(lo & 0xFFFFFFFFFFFFULL));
   return buf;
}

// The subscription's life as the server counts it, minus a margin (at most half of it).
std::int64_t subscription_renew_us(std::int64_t now, int minutes) {
   const std::int64_t life = std::int64_t{minutes} * 60 * 1'000'000;
   return now + life - std::min(kRenewMarginUs, life / 2);
}

// The P-GET as sent: the channel's link with our timeout when the link has none. ack is never
// touched (§5.3: always follow `next`).
std::string with_timeout(const std::string &url, int seconds) {
   if (url.find("timeout=") != std::string::npos) return url;
   return url + (url.find('?') == std::string::npos ? "?" : "&") + "timeout=" + std::to_string(seconds);
}

}  // namespace

UcwaSession::UcwaSession(Host host, SkypeSettings settings, http::CommandQueue &queue, std::atomic<bool> &wake)
    : host_(host),
      settings_(std::move(settings)),
      queue_(queue),
      wake_(wake),
      http_(http_options(settings_, settings_.timeout_seconds * 1000L)),
      events_http_([this] {
         http::HttpOptions o = http_options(settings_, (settings_.event_timeout_seconds + settings_.timeout_seconds) * 1000L);
         o.cancel = [this] { return stop_.stop_requested() || wake_.load() || steady_us() >= poll_deadline_us_; };
         return o;
      }()),
      health_(host_, settings_.backoff_min_seconds, settings_.backoff_max_seconds, http::kRetryAfterSlackUs,
              ucwa_error_code),
      endpoint_id_(new_endpoint_id()) {}

void UcwaSession::run(std::stop_token stop) {
   stop_ = stop;
   health_.limited("starting: nothing read from " + settings_.discovery_url + " yet");
   while (!stop.stop_requested()) {
      take_commands();
      if (!http::ready_to_send(health_.not_before_us(), !contacts_.empty() || !subscriptions_.empty(), kIdleTurn)) continue;
      const std::int64_t now = steady_us();
      if (phase_ == Phase::discover) {
         if (discover()) phase_ = Phase::application;
         continue;
      }
      if ((token_.empty() || now >= token_renew_us_) && !fetch_token()) continue;
      if (phase_ == Phase::application) {
         if (create_application()) phase_ = Phase::ready;
         continue;
      }
      if (!to_subscribe_.empty()) {
         subscribe_step();
      } else if (renew_due(now)) {
         renew_step();
      } else if (!to_read_.empty()) {
         read_step();
      } else {
         event_step(stop);
      }
   }
}

void UcwaSession::take_commands() {
   wake_.store(false);
   for (http::Command &c : queue_.take()) {
      const std::string uri = sip_uri_of(c.key);
      if (uri.empty()) continue;
      const std::string address = uri.substr(4);
      const Key key{c.key_type, c.key};
      if (c.subscribe) {
         Contact &contact = contacts_[address];
         if (std::find(contact.keys.begin(), contact.keys.end(), key) != contact.keys.end()) continue;
         contact.keys.push_back(key);
         if (contact.subscription.empty()) {
            queue_subscribe(address);
         } else if (contact.reported) {
            post(key, *contact.reported, contact.confirmed_us);  // watched for another key already
         }
         continue;
      }
      const auto it = contacts_.find(address);
      if (it == contacts_.end()) continue;
      auto &keys = it->second.keys;
      keys.erase(std::remove(keys.begin(), keys.end(), key), keys.end());
      // the member stays in its server subscription until that is renewed (renew_step rebuilds it)
      if (keys.empty()) {
         const std::string sub = it->second.subscription;
         contacts_.erase(it);
         if (const auto s = subscriptions_.find(sub); s != subscriptions_.end()) s->second.renew_us = 0;
      }
   }
}

void UcwaSession::queue_subscribe(const std::string &address) {
   Contact &c = contacts_[address];
   if (c.queued_subscribe) return;
   c.queued_subscribe = true;
   to_subscribe_.push_back(address);
}

void UcwaSession::queue_read(const std::string &address) {
   const auto it = contacts_.find(address);
   if (it == contacts_.end() || it->second.queued_read) return;
   it->second.queued_read = true;
   to_read_.push_back(address);
}

// lyncdiscover root -> user resource -> token -> user resource with the token -> applications.
bool UcwaSession::discover() {
   std::string url = settings_.discovery_url;
   for (int hop = 0; hop <= kMaxRedirects; ++hop) {
      http::HttpRequest request;
      request.url = url;
      request.headers = {"Accept: application/json"};
      const http::HttpResult result = http_.send(request);
      if (!result.ok() || result.response.status != 200) {
         if (!failed(result, "discovery")) health_.limited("discovery at " + http::loggable_url(url) + ": no answer");
         return false;
      }
      auto links = parse_resource_links(result.response.body);
      if (links.ok() && !links.value().user.empty()) {
         user_url_ = resolve_href(url, links.value().user);
         return authorise(user_url_);
      }
      if (!links.ok() || links.value().redirect.empty()) {
         health_.back_off();
         health_.limited("discovery at " + http::loggable_url(url) + ": no user link in the answer");
         return false;
      }
      url = resolve_href(url, links.value().redirect);
   }
   health_.back_off();
   health_.limited("discovery: more than " + std::to_string(kMaxRedirects) + " redirects");
   return false;
}

bool UcwaSession::authorise(const std::string &first_user_url) {
   std::string url = first_user_url;
   for (int hop = 0; hop <= kMaxRedirects; ++hop) {
      http::HttpRequest anonymous;
      anonymous.url = url;
      anonymous.headers = {"Accept: application/json"};
      const http::HttpResult challenge = http_.send(anonymous);
      if (!challenge.ok() || challenge.response.status != 401) {
         if (!failed(challenge, "user resource")) {
            health_.back_off();
            health_.limited("user resource at " + http::loggable_url(url) + ": expected a 401 challenge, got HTTP " +
                        std::to_string(challenge.response.status));
         }
         return false;
      }
      auto parsed = parse_oauth_challenge(challenge.response.header("www-authenticate").value_or(""));
      if (!parsed.ok() || !parsed.value().password_grant) {
         health_.back_off();
         health_.limited("user resource at " + http::loggable_url(url) + ": " +
                     (parsed.ok() ? std::string("the server offers no password grant") : parsed.message()));
         return false;
      }
      token_url_ = resolve_href(url, parsed.value().token_url);
      if (!fetch_token()) return false;
      const http::HttpResult user = call(http_, http::json_request("GET", url, ""));
      if (!user.ok() || user.response.status != 200) {
         if (!failed(user, "user resource")) health_.limited("user resource: no answer");
         return false;
      }
      auto links = parse_resource_links(user.response.body);
      if (links.ok() && !links.value().applications.empty()) {
         user_url_ = url;
         subscriptions_url_.clear();
         app_url_.clear();
         // the applications link is kept in batch_url_ until the application exists
         batch_url_ = resolve_href(url, links.value().applications);
         return true;
      }
      if (!links.ok() || links.value().redirect.empty()) {
         health_.back_off();
         health_.limited("user resource at " + http::loggable_url(url) + ": no applications link");
         return false;
      }
      url = resolve_href(url, links.value().redirect);  // the user's home pool
   }
   health_.back_off();
   health_.limited("user resource: more than " + std::to_string(kMaxRedirects) + " redirects");
   return false;
}

bool UcwaSession::fetch_token() {
   token_.clear();
   const auto password = host_.secret(settings_.password_secret);
   if (!password) {
      health_.back_off();
      health_.limited("the secret '" + settings_.password_secret + "' (password_secret) is not set");
      return false;
   }
   if (token_url_.empty()) {
      phase_ = Phase::discover;
      return false;
   }
   http::HttpRequest request;
   request.method = "POST";
   request.url = token_url_;
   request.headers = {"Content-Type: application/x-www-form-urlencoded;charset=UTF-8", "Accept: application/json"};
   request.body = password_grant_body(settings_.user, *password);
   const std::int64_t sent = steady_us();
   const http::HttpResult result = http_.send(request);
   if (!result.ok() || result.response.status == 429 || result.response.status >= 500) {
      failed(result, "token");
      return false;
   }
   auto token = parse_token_answer(result.response.body);
   if (!token.ok()) {
      health_.back_off();
      health_.limited("token from " + http::loggable_url(token_url_) + " (HTTP " + std::to_string(result.response.status) +
                  "): " + token.message());
      return false;
   }
   token_ = token.value().access_token;
   token_renew_us_ = http::renew_at_us(sent, token.value().lifetime_s, settings_.token_margin_seconds);
   return true;
}

bool UcwaSession::create_application() {
   if (batch_url_.empty() || !app_url_.empty()) {
      // the applications link is gone with the old application: find it again
      phase_ = Phase::discover;
      app_url_.clear();
      return false;
   }
   const std::string applications = batch_url_;
   const http::HttpResult result = call(
       http_, http::json_request("POST", applications,
                                 application_request_body(settings_.user_agent, endpoint_id_, settings_.culture)));
   if (!result.ok() || (result.response.status != 201 && result.response.status != 200)) {
      if (!failed(result, "application")) health_.limited("application: no answer");
      return false;
   }
   auto app = parse_application(result.response.body);
   if (!app.ok()) {
      health_.back_off();
      health_.limited("application at " + http::loggable_url(applications) + ": " + app.message());
      return false;
   }
   app_url_ = resolve_href(applications, app.value().self);
   batch_url_ = resolve_href(app_url_, app.value().batch);
   subscriptions_url_ = resolve_href(app_url_, app.value().presence_subscriptions);
   events_url_ = resolve_href(app_url_, app.value().events);
   subscriptions_.clear();
   filling_.clear();
   to_subscribe_.clear();
   to_read_.clear();
   for (auto &[address, contact] : contacts_) {
      contact.subscription.clear();
      contact.queued_subscribe = false;
      contact.queued_read = false;
   }
   for (auto &[address, contact] : contacts_) queue_subscribe(address);
   host_.info("application " + http::loggable_url(app_url_) + " created; subscribing " +
              std::to_string(contacts_.size()) + " contacts");
   return true;
}

// The application is gone (409 on the event channel, 404 on its resources): a new one is made,
// found again from the user resource, and everything is subscribed and read again.
void UcwaSession::application_lost(const std::string &why) {
   health_.limited(why + "; creating a new application");
   viewed_once_ = false;
   app_url_.clear();
   batch_url_.clear();
   phase_ = Phase::discover;
   health_.back_off();
}

// One request with the current token; a 401 gets one fresh token and one retry.
http::HttpResult UcwaSession::call(http::HttpClient &client, http::HttpRequest request) {
   request.headers.push_back("Authorization: Bearer " + token_);
   http::HttpResult result = client.send(request);
   if (!result.ok() || result.response.status != 401) return result;
   host_.info("UCWA answered 401 (" + ucwa_error_code(result.response.body) + "); fetching a new token");
   if (!fetch_token()) return result;
   request.headers.back() = "Authorization: Bearer " + token_;
   return client.send(request);
}

void UcwaSession::subscribe_step() {
   std::vector<std::string> addresses;
   const Subscription *filling = nullptr;
   if (const auto it = subscriptions_.find(filling_); it != subscriptions_.end()) filling = &it->second;
   const std::size_t room = filling != nullptr && filling->members.size() < static_cast<std::size_t>(settings_.subscription_batch)
                                ? settings_.subscription_batch - filling->members.size()
                                : static_cast<std::size_t>(settings_.subscription_batch);
   if (filling != nullptr && filling->members.size() >= static_cast<std::size_t>(settings_.subscription_batch)) filling = nullptr;
   while (!to_subscribe_.empty() && addresses.size() < room) {
      std::string address = std::move(to_subscribe_.front());
      to_subscribe_.pop_front();
      const auto it = contacts_.find(address);
      if (it == contacts_.end()) continue;  // unsubscribed meanwhile
      it->second.queued_subscribe = false;
      if (it->second.subscription.empty()) addresses.push_back(std::move(address));
   }
   if (addresses.empty()) return;
   std::vector<std::string> uris;
   uris.reserve(addresses.size());
   for (const std::string &a : addresses) uris.push_back("sip:" + a);
   const std::string url = filling != nullptr ? filling->add : subscriptions_url_;
   const http::HttpResult result =
       call(http_, http::json_request("POST", url, subscription_request_body(settings_.subscription_minutes, uris)));
   const bool accepted = result.ok() && (result.response.status == 201 || result.response.status == 200 ||
                                         result.response.status == 204);
   if (!accepted) {
      for (const std::string &a : addresses) queue_subscribe(a);
      if (result.ok() && result.response.status == 404 && filling != nullptr) {
         forget_subscription(filling_);  // expired or removed: its members are subscribed afresh
         return;
      }
      if (result.ok() && result.response.status == 404) {
         application_lost("presence subscription: HTTP 404 (" + ucwa_error_code(result.response.body) + ")");
         return;
      }
      if (!failed(result, "presence subscription")) health_.limited("presence subscription: no answer");
      return;
   }
   std::string self = filling_;
   if (filling == nullptr) {
      auto links = parse_subscription(result.response.body);
      if (!links.ok()) {
         for (const std::string &a : addresses) queue_subscribe(a);
         health_.back_off();
         health_.limited("presence subscription at " + http::loggable_url(url) + ": " + links.message());
         return;
      }
      self = resolve_href(url, links.value().self);
      subscriptions_[self].add = resolve_href(url, links.value().add);
      filling_ = self;
   }
   Subscription &sub = subscriptions_[self];
   // adding members extends the subscription too (§5.3: capped at 30 minutes from now)
   sub.renew_us = subscription_renew_us(steady_us(), settings_.subscription_minutes);
   for (const std::string &a : addresses) {
      sub.members.push_back(a);
      contacts_[a].subscription = self;
      queue_read(a);
   }
   succeeded();
}

bool UcwaSession::renew_due(std::int64_t now) const {
   return std::any_of(subscriptions_.begin(), subscriptions_.end(), [now](const auto &s) { return now >= s.second.renew_us; });
}

// One due subscription: extended when all its members are still wanted, else deleted and its
// wanted members subscribed again (UCWA documents no removal of single members).
void UcwaSession::renew_step() {
   const std::int64_t now = steady_us();
   const auto due = std::find_if(subscriptions_.begin(), subscriptions_.end(),
                                 [now](const auto &s) { return now >= s.second.renew_us; });
   if (due == subscriptions_.end()) return;
   const std::string self = due->first;
   Subscription &sub = due->second;
   std::vector<std::string> wanted;
   for (const std::string &a : sub.members) {
      const auto c = contacts_.find(a);
      if (c != contacts_.end() && c->second.subscription == self) wanted.push_back(a);
   }
   if (wanted.size() == sub.members.size() && !wanted.empty()) {
      const http::HttpResult result = call(
           http_, http::json_request("POST", sub.add, subscription_request_body(settings_.subscription_minutes, {})));
      if (result.ok() && result.response.status < 300) {
         sub.renew_us = subscription_renew_us(steady_us(), settings_.subscription_minutes);
         succeeded();
         return;
      }
      if (!result.ok() || result.response.status == 429 || result.response.status >= 500) {
         failed(result, "subscription renewal");
         return;
      }
      // 404/410: the subscription is gone; subscribe its members afresh below
   } else {
      http::HttpRequest del;
      del.method = "DELETE";
      del.url = self;
      const http::HttpResult result = call(http_, del);
      if (!result.ok() || result.response.status == 429 || result.response.status >= 500) {
         failed(result, "subscription removal");
         return;
      }
   }
   subscriptions_.erase(self);
   if (filling_ == self) filling_.clear();
   for (const std::string &a : wanted) {
      contacts_[a].subscription.clear();
      queue_subscribe(a);
   }
   succeeded();
}

void UcwaSession::read_step() {
   std::vector<std::string> addresses;
   while (!to_read_.empty() && addresses.size() < static_cast<std::size_t>(settings_.batch_size)) {
      std::string address = std::move(to_read_.front());
      to_read_.pop_front();
      const auto it = contacts_.find(address);
      if (it == contacts_.end()) continue;
      it->second.queued_read = false;
      addresses.push_back(std::move(address));
   }
   if (addresses.empty()) return;
   std::vector<std::string> paths;
   paths.reserve(addresses.size());
   for (const std::string &a : addresses) paths.push_back(path_of(presence_path(app_url_, a)));
   const std::string boundary = "portier-" + endpoint_id_.substr(0, 8) + "-" + std::to_string(steady_us() % 1'000'000);
   http::HttpRequest request;
   request.method = "POST";
   request.url = batch_url_;
   request.headers = {"Content-Type: " + batch_content_type(boundary), "Accept: multipart/batching"};
   request.body = batch_request_body(boundary, host_of(app_url_), paths);
   const http::HttpResult result = call(http_, request);
   const std::int64_t confirmed_us = host_.now_us();
   if (!result.ok() || result.response.status != 200) {
      for (const std::string &a : addresses) queue_read(a);
      if (result.ok() && result.response.status == 404) {
         application_lost("presence read: HTTP 404 (" + ucwa_error_code(result.response.body) + ")");
         return;
      }
      if (!failed(result, "presence read")) health_.limited("presence read: no answer");
      return;
   }
   auto parts = parse_batch_answer(result.response.header("content-type").value_or(""), result.response.body);
   if (!parts.ok()) {
      for (const std::string &a : addresses) queue_read(a);
      health_.back_off();
      health_.limited("presence read at " + http::loggable_url(batch_url_) + ": " + parts.message());
      return;
   }
   std::vector<bool> answered(addresses.size(), false);
   std::optional<double> throttled;
   for (const BatchPart &part : parts.value()) {
      // the body's self link names the contact (parts come in any order); Content-ID is the fall-back
      auto presence = part.status == 200 ? parse_presence(part.body) : Result<UcwaPresence>(portier::error(PORTIER_ERR_INVALID, ""));
      std::string address = presence.ok() ? address_from_href(presence.value().self) : std::string();
      if (address.empty() && !part.content_id.empty()) {
         const std::size_t n = static_cast<std::size_t>(std::atoll(part.content_id.c_str()));
         if (n >= 1 && n <= addresses.size()) address = addresses[n - 1];
      }
      const auto at = std::find(addresses.begin(), addresses.end(), address);
      if (at == addresses.end()) continue;
      const auto index = static_cast<std::size_t>(at - addresses.begin());
      if (answered[index]) continue;
      if (part.status == 200) {
         if (!presence.ok()) continue;  // read again below
         answered[index] = true;
         report(address, map_presence(presence.value()), confirmed_us);
      } else if (part.status == 404 || part.status == 403) {
         // no such contact, or no privilege to see it: unknown, not offline
         answered[index] = true;
         report(address, PortierPresence{}, confirmed_us);
      } else if (part.status == 429 || part.status == 503) {
         throttled = std::max(throttled.value_or(0.0), 1.0);
      }
   }
   for (std::size_t i = 0; i < addresses.size(); ++i) {
      if (!answered[i]) queue_read(addresses[i]);
   }
   if (throttled) {
      health_.back_off();
      health_.limited("presence read: parts throttled; retrying in " + seconds_text(health_.not_before_us() - steady_us()) + " s");
      return;
   }
   if (to_read_.empty() && to_subscribe_.empty()) viewed_once_ = true;
   succeeded();
}

void UcwaSession::event_step(const std::stop_token &stop) {
   // the poll is cut when a token or a subscription must be renewed meanwhile
   std::int64_t deadline = token_renew_us_;
   for (const auto &[self, sub] : subscriptions_) deadline = std::min(deadline, sub.renew_us);
   poll_deadline_us_ = deadline;
   const std::string url = with_timeout(events_url_, settings_.event_timeout_seconds);
   http::HttpRequest request;
   request.url = url;
   request.headers = {"Accept: application/json"};
   const http::HttpResult result = call(events_http_, request);
   if (!result.ok() && (stop.stop_requested() || wake_.load() || steady_us() >= poll_deadline_us_)) {
      // cut short on purpose; the same link is asked again (ack unchanged, nothing is lost)
      events_http_.reset_connection();
      return;
   }
   if (result.ok() && (result.response.status == 409 || result.response.status == 404 || result.response.status == 410)) {
      application_lost("event channel: HTTP " + std::to_string(result.response.status) + " (" +
                       ucwa_error_code(result.response.body) + ")");
      return;
   }
   if (!result.ok() || result.response.status >= 300) {
      if (!result.ok()) events_http_.reset_connection();
      if (!failed(result, "event channel")) health_.limited("event channel: no answer");
      return;
   }
   if (result.response.status == 204 || result.response.body.empty()) {
      succeeded();  // a timeout without a body: poll the same link again
      return;
   }
   auto events = parse_events(result.response.body);
   if (!events.ok()) {
      health_.back_off();
      health_.limited("event channel at " + http::loggable_url(url) + ": " + events.message());
      return;
   }
   if (!events.value().next.empty()) events_url_ = resolve_href(url, events.value().next);
   for (const std::string &href : events.value().presence_hrefs) queue_read(address_from_href(href));
   for (const std::string &href : events.value().subscriptions_updated) {
      // about to expire: renew it now
      if (const auto s = subscriptions_.find(resolve_href(url, href)); s != subscriptions_.end()) s->second.renew_us = 0;
   }
   for (const std::string &href : events.value().subscriptions_deleted) forget_subscription(resolve_href(url, href));
   succeeded();
}

// A subscription the server no longer has: its wanted members are subscribed again.
void UcwaSession::forget_subscription(const std::string &self) {
   const auto s = subscriptions_.find(self);
   if (s == subscriptions_.end()) return;
   for (const std::string &a : s->second.members) {
      const auto c = contacts_.find(a);
      if (c == contacts_.end() || c->second.subscription != self) continue;
      c->second.subscription.clear();
      queue_subscribe(a);
   }
   if (filling_ == self) filling_.clear();
   subscriptions_.erase(s);
}

// Sets the wait after a failed request; false when `result` is a success (nothing to do).
bool UcwaSession::failed(const http::HttpResult &result, const std::string &what) {
   return health_.report_failure(result, what, http_, token_);
}

void UcwaSession::succeeded() {
   health_.ok(viewed_once_, [this] {
      return "presence of " + std::to_string(contacts_.size()) + " contacts through UCWA at " + host_of(app_url_);
   });
}

void UcwaSession::report(const std::string &address, const PortierPresence &state, std::int64_t confirmed_us) {
   const auto it = contacts_.find(address);
   if (it == contacts_.end()) return;
   if (it->second.reported && *it->second.reported == state) return;
   it->second.reported = state;
   it->second.confirmed_us = confirmed_us;
   for (const Key &key : it->second.keys) post(key, state, confirmed_us);
}

void UcwaSession::post(const Key &key, const PortierPresence &state, std::int64_t confirmed_us) {
   http::post_presence(host_, key.type, key.key, state, confirmed_us, key.key);
}

}  // namespace portier::skype
