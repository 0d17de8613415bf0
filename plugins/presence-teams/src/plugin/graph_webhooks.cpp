// SPDX-License-Identifier: GPL-3.0-or-later
// GraphSession's change notifications (docs/protocols/presence-calendar.md §1.4): the listener,
// subscriptions of at most 650 ids created, renewed before expiry, recreated when Graph removes
// them or a renewal meets 404, and shrunk when keys leave; lifecycle events; the reads of the
// ids notifications name. One Graph request per step, so look-ups and polls interleave.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <unordered_set>

#include "graph_session.h"
#include "session_clock.h"
#include "graph_subscription.h"
#include "poll_budget.h"

namespace portier::teams {
namespace {

using http::seconds_text;
using http::steady_us;

std::int64_t unix_s() {
   return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
}

std::string status_text(const http::HttpResult &result) {
   if (!result.ok()) return result.error;
   const std::string code = graph_error_code(result.response.body);
   return "HTTP " + std::to_string(result.response.status) + (code.empty() ? "" : " " + code);
}

}  // namespace

void GraphSession::start_webhooks() {
   if (settings_.notification_url.empty()) return;
   if (settings_.auth_flow != AuthFlow::password) {
      host_.warn("notification_url is set, but auth_flow client_credentials gives an app-only token and Graph "
                 "refuses app-only presence subscriptions: cannot subscribe; polling " + settings_.graph_url +
                 " (use auth_flow password for change notifications)");
      return;
   }
   auto inbox = std::make_unique<WebhookInbox>(random_client_state());
   const std::string why = inbox->start(settings_.listen_address, settings_.listen_port);
   if (!why.empty()) {
      webhook_problem_ = "change notifications: notification listener not started (" + why + "); polling instead";
      host_.error(webhook_problem_);
      return;
   }
   host_.info("notification listener on " + settings_.listen_address + ":" + std::to_string(settings_.listen_port) +
              " for " + settings_.notification_url + " and " + settings_.lifecycle_url);
   inbox_ = std::move(inbox);
}

void GraphSession::take_deliveries() {
   if (!inbox_) return;
   Deliveries d = inbox_->take();
   if (d.wrong_client_state != 0) {
      wrong_client_state_ += d.wrong_client_state;
      host_.warn("ignored " + std::to_string(d.wrong_client_state) + " notification item(s) with a wrong clientState (" +
                 std::to_string(wrong_client_state_) + " since start)");
   }
   if (d.malformed != 0) host_.warn("refused " + std::to_string(d.malformed) + " malformed notification bodies");
   for (std::string &id : d.user_ids) {
      if (mails_.count(id) != 0 && notified_set_.insert(id).second) notified_.push_back(std::move(id));
   }
   for (const LifecycleEvent &e : d.lifecycle) {
      const auto sub = std::find_if(subs_.begin(), subs_.end(), [&](const Subscription &s) { return s.id == e.subscription_id; });
      host_.info("lifecycle event " + e.event + " for subscription " + e.subscription_id);
      if (e.event == "missed") {
         next_sweep_us_ = 0;  // a full read now: changes were lost
      } else if (sub == subs_.end()) {
         continue;  // one of a former instance, or already dropped
      } else if (e.event == "reauthorizationRequired") {
         sub->reauthorize = true;
      } else if (e.event == "subscriptionRemoved") {
         subs_.erase(sub);
         subs_dirty_ = true;
         next_sweep_us_ = 0;  // changes while it was gone were not notified
      }
   }
}

bool GraphSession::webhook_step_due() const {
   if (!inbox_ || steady_us() < subs_not_before_us_) return false;
   if (subs_dirty_) return true;
   const std::int64_t now = unix_s();
   return std::any_of(subs_.begin(), subs_.end(), [&](const Subscription &s) { return s.reauthorize || now >= s.renew_unix_s; });
}

bool GraphSession::webhooks_live() const { return inbox_ && webhook_problem_.empty() && !subs_dirty_ && !mails_.empty(); }

void GraphSession::webhook_step() {
   const std::int64_t now = unix_s();
   for (Subscription &sub : subs_) {
      if (sub.reauthorize || now >= sub.renew_unix_s) return renew_subscription(sub);
   }
   // a subscription holding an id no longer wanted is deleted; its other ids are subscribed anew
   for (auto it = subs_.begin(); it != subs_.end(); ++it) {
      const bool stale = std::any_of(it->ids.begin(), it->ids.end(), [&](const std::string &id) { return mails_.count(id) == 0; });
      if (stale) {
         const Subscription gone = *it;
         subs_.erase(it);
         return delete_subscription(gone);
      }
   }
   std::unordered_set<std::string> covered;
   for (const Subscription &sub : subs_) covered.insert(sub.ids.begin(), sub.ids.end());
   std::vector<std::string> missing;
   for (const auto &[id, list] : mails_) {
      if (covered.count(id) == 0) missing.push_back(id);
   }
   if (!missing.empty()) {
      std::sort(missing.begin(), missing.end());
      missing.resize(std::min(missing.size(), kMaxIdsPerPresenceRequest));
      return create_subscription(std::move(missing));
   }
   subs_dirty_ = false;
   subs_backoff_.reset();
   if (!webhook_problem_.empty()) {
      host_.info("change notifications work again: " + std::to_string(subs_.size()) + " subscriptions");
      webhook_problem_.clear();
   }
   report_running();  // the next sweep is scheduled at the safety net's interval
}

void GraphSession::create_subscription(std::vector<std::string> ids) {
   SubscriptionRequest request;
   request.resource = subscription_resource(ids);
   request.notification_url = settings_.notification_url;
   request.lifecycle_url = settings_.lifecycle_url;
   request.expiry_unix_s = unix_s() + settings_.subscription_minutes * 60LL;
   request.client_state = inbox_->client_state();
   const http::HttpResult result =
       graph_call(http::json_request("POST", settings_.graph_url + "/subscriptions", subscription_create_body(request)));
   if (!result.ok() || result.response.status != 201) return webhook_failed("creating a subscription", result);
   auto answer = parse_subscription_answer(result.response.body);
   if (!answer.ok()) {
      return webhook_failed("creating a subscription", result, answer.message());
   }
   const std::int64_t now = unix_s();
   subs_.push_back({answer.value().id, std::move(ids), answer.value().expiry_unix_s,
                    renew_at_unix_s(now, answer.value().expiry_unix_s, settings_.subscription_renew_minutes * 60LL), false});
   host_.info("subscription " + subs_.back().id + " for " + std::to_string(subs_.back().ids.size()) + " users until " +
              graph_utc_text(subs_.back().expiry_unix_s));
}

void GraphSession::renew_subscription(Subscription &sub) {
   if (sub.reauthorize) token_.clear();  // Graph wants a fresh token on the PATCH
   if (!ensure_token()) return;
   const http::HttpResult result = graph_call(http::json_request(
       "PATCH", settings_.graph_url + "/subscriptions/" + sub.id,
       subscription_renew_body(unix_s() + settings_.subscription_minutes * 60LL)));
   if (result.ok() && result.response.status == 404) {
      host_.info("subscription " + sub.id + " is gone (404 on renewal); creating it again");
      subs_.erase(std::find_if(subs_.begin(), subs_.end(), [&](const Subscription &s) { return s.id == sub.id; }));
      subs_dirty_ = true;
      next_sweep_us_ = 0;
      return;
   }
   if (!result.ok() || result.response.status != 200) return webhook_failed("renewing subscription " + sub.id, result);
   auto answer = parse_subscription_answer(result.response.body);
   if (!answer.ok()) return webhook_failed("renewing subscription " + sub.id, result, answer.message());
   const std::int64_t now = unix_s();
   sub.expiry_unix_s = answer.value().expiry_unix_s;
   sub.renew_unix_s = renew_at_unix_s(now, sub.expiry_unix_s, settings_.subscription_renew_minutes * 60LL);
   sub.reauthorize = false;
   host_.info("subscription " + sub.id + " renewed until " + graph_utc_text(sub.expiry_unix_s));
}

void GraphSession::delete_subscription(const Subscription &sub) {
   subs_dirty_ = true;
   const http::HttpResult result = graph_call(http::HttpRequest{"DELETE", settings_.graph_url + "/subscriptions/" + sub.id, {}, {}});
   // 404: gone already; anything else: it expires on its own within the hour
   if (!result.ok() || (result.response.status != 204 && result.response.status != 404)) {
      host_.warn("deleting subscription " + sub.id + ": " + status_text(result) + "; it expires by " +
                 graph_utc_text(sub.expiry_unix_s));
   }
}

// Notifications no longer carry the view: poll at the budget's rate, report limited, try the
// subscriptions again after a growing wait. 429, 5xx and broken connections also hold every
// Graph request back, as for polls.
void GraphSession::webhook_failed(const std::string &what, const http::HttpResult &result, const std::string &why) {
   const std::int64_t wait_us = subs_backoff_.next_delay_us();
   subs_not_before_us_ = steady_us() + wait_us;
   const bool transient = why.empty() && (!result.ok() || result.response.status == 429 || result.response.status >= 500);
   webhook_problem_ = "change notifications: " + what + ": " + (why.empty() ? status_text(result) : why) + "; polling every " +
                      seconds_text(poll_interval_us(mails_.size(), settings_.poll_interval_seconds,
                                                       settings_.budget_requests_per_30s, settings_.budget_share_percent)) +
                      " s, subscribing again in " + seconds_text(wait_us) + " s";
   next_sweep_us_ = std::min(next_sweep_us_, steady_us() + sweep_interval_us());
   if (transient && failed(result, what)) return;
   host_.warn(webhook_problem_);
   health_.limited(webhook_problem_);
}

// The ids notifications named, at most 650 per request.
void GraphSession::read_notified() {
   std::vector<std::string> ids;
   while (!notified_.empty() && ids.size() < kMaxIdsPerPresenceRequest) {
      notified_set_.erase(notified_.front());
      if (mails_.count(notified_.front()) != 0) ids.push_back(notified_.front());
      notified_.pop_front();
   }
   if (ids.empty()) return;
   if (!read_presences(ids)) {
      // asked again first when the wait is over
      for (auto it = ids.rbegin(); it != ids.rend(); ++it) {
         if (notified_set_.insert(*it).second) notified_.push_front(*it);
      }
      return;
   }
   succeeded();
}

}  // namespace portier::teams
