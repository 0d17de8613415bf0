// SPDX-License-Identifier: GPL-3.0-or-later
#include "graph_session.h"

#include <algorithm>
#include <chrono>
#include <thread>
#include <utility>

#include <portier/event.hpp>
#include <portier/kind/presence.h>

#include "graph_lookup.h"
#include "poll_budget.h"
#include "presence_post.h"
#include "request_failure.h"
#include "session_clock.h"
#include "settings_options.h"
#include "token_reply.h"
#include "token_timing.h"

namespace portier::teams {
namespace {

constexpr auto kIdleTurn = std::chrono::milliseconds(20);  // longest sleep before commands are looked at
constexpr int kSubscriptionBackoffMaxS = 300;              // failed subscriptions are tried again at least this often
constexpr std::int64_t kBudgetWindowUs = 30'000'000;       // Graph's throttling window

using http::seconds_text;
using http::steady_us;

http::HttpOptions http_options(const TeamsSettings &s) {
   return http::options_from_settings(s, "portier-presence-teams/1.0");
}

}  // namespace

GraphSession::GraphSession(Host host, TeamsSettings settings, http::CommandQueue &queue)
    : host_(host),
      settings_(std::move(settings)),
      queue_(queue),
      http_(http_options(settings_)),
      health_(host_, settings_.backoff_min_seconds, settings_.backoff_max_seconds, http::kRetryAfterSlackUs,
              graph_error_code),
      subs_backoff_(settings_.backoff_min_seconds, std::max(settings_.backoff_max_seconds, kSubscriptionBackoffMaxS)) {}

void GraphSession::run(std::stop_token stop) {
   health_.limited("starting: no presence read from " + settings_.graph_url + " yet");
   start_webhooks();
   while (!stop.stop_requested()) {
      take_commands();
      take_deliveries();
      if (!http::ready_to_send(health_.not_before_us(), !keys_.empty(), kIdleTurn)) continue;
      const std::int64_t now = steady_us();
      if (!ensure_token()) continue;
      const bool sweep_due = sweep_next_ < sweep_.size() || (now >= next_sweep_us_ && !mails_.empty());
      if (!to_resolve_.empty()) {
         resolve_batch();
      } else if (webhook_step_due()) {
         webhook_step();
      } else if ((!notified_.empty() || sweep_due) && !presence_budget_left()) {
         std::this_thread::sleep_for(kIdleTurn);  // the share of the throttling budget is spent
      } else if (!notified_.empty()) {
         read_notified();
      } else if (sweep_due) {
         poll_step();
      } else {
         std::this_thread::sleep_for(kIdleTurn);
      }
   }
}

void GraphSession::take_commands() {
   for (http::Command &c : queue_.take()) {
      if (c.subscribe) {
         if (keys_.try_emplace(c.key).second) to_resolve_.push_back(c.key);
         continue;
      }
      const auto it = keys_.find(c.key);
      if (it == keys_.end()) continue;
      if (it->second.resolution == Resolution::resolved) {
         auto &list = mails_[it->second.id];
         list.erase(std::remove(list.begin(), list.end(), c.key), list.end());
         if (list.empty()) {
            mails_.erase(it->second.id);
            subs_dirty_ = true;  // its subscription leaves it
         }
      }
      keys_.erase(it);  // a pending look-up of it is skipped when its turn comes
   }
}

bool GraphSession::ensure_token() {
   if (!token_.empty() && steady_us() < token_renew_us_) return true;
   return fetch_token();
}

bool GraphSession::fetch_token() {
   TokenCredentials credentials;
   if (!settings_.client_secret.empty()) {
      const auto secret = host_.secret(settings_.client_secret);
      if (!secret) {
         health_.back_off();
         health_.limited("the secret '" + settings_.client_secret + "' (client_secret) is not set");
         return false;
      }
      credentials.client_secret = *secret;
   }
   if (settings_.auth_flow == AuthFlow::password) {
      const auto secret = host_.secret(settings_.password_secret);
      if (!secret) {
         health_.back_off();
         health_.limited("the secret '" + settings_.password_secret + "' (password_secret) is not set");
         return false;
      }
      credentials.password = *secret;
   }
   http::HttpRequest request;
   request.method = "POST";
   request.url = token_url(settings_);
   request.headers = {"Content-Type: application/x-www-form-urlencoded", "Accept: application/json"};
   request.body = token_request_body(settings_, credentials);
   const std::int64_t sent = steady_us();
   const http::HttpResult result = http_.send(request);
   token_.clear();
   if (!result.ok() || result.response.status == 429 || result.response.status >= 500) {
      failed(result, "token");
      return false;
   }
   auto token = parse_token_answer(result.response.body);
   if (!token.ok()) {
      health_.back_off();
      health_.limited("token from " + token_url(settings_) + " (HTTP " + std::to_string(result.response.status) +
                  "): " + token.message());
      return false;
   }
   token_ = token.value().access_token;
   token_renew_us_ = http::renew_at_us(sent, token.value().lifetime_s, settings_.token_margin_seconds);
   return true;
}

// One Graph request with the current token; a 401 gets one fresh token and one retry.
http::HttpResult GraphSession::graph_call(const http::HttpRequest &request) {
   http::HttpRequest r = request;
   r.headers.push_back("Authorization: Bearer " + token_);
   http::HttpResult result = http_.send(r);
   if (!result.ok() || result.response.status != 401) return result;
   host_.info("Graph answered 401 (" + graph_error_code(result.response.body) + "); fetching a new token");
   if (!fetch_token()) return result;
   r.headers.back() = "Authorization: Bearer " + token_;
   return http_.send(r);
}

void GraphSession::resolve_batch() {
   std::vector<std::string> mails;
   while (!to_resolve_.empty() && mails.size() < kMaxBatchRequests) {
      std::string mail = std::move(to_resolve_.front());
      to_resolve_.pop_front();
      const auto it = keys_.find(mail);
      // a key unsubscribed and subscribed again may wait here twice
      if (it != keys_.end() && it->second.resolution == Resolution::pending &&
          std::find(mails.begin(), mails.end(), mail) == mails.end()) {
         mails.push_back(std::move(mail));
      }
   }
   if (mails.empty()) return;
   const http::HttpResult result = graph_call(
       http::json_request("POST", settings_.graph_url + "/$batch", lookup_batch_body(mails, settings_.email_lookup)));
   auto answers = result.ok() && result.response.status == 200 ? parse_lookup_batch(result.response.body, mails.size())
                                                                : Result<std::vector<LookupAnswer>>(portier::error(PORTIER_ERR_INVALID, ""));
   if (!answers.ok()) {
      to_resolve_.insert(to_resolve_.begin(), mails.begin(), mails.end());
      if (!failed(result, "user look-up")) {
         // a 200 that is not a batch answer
         health_.back_off();
         health_.limited("user look-up at " + settings_.graph_url + "/$batch: " + answers.message());
      }
      return;
   }
   std::optional<double> throttled;
   const std::int64_t now_us = host_.now_us();
   for (std::size_t i = 0; i < mails.size(); ++i) {
      const LookupAnswer &a = answers.value()[i];
      Entry &entry = keys_[mails[i]];
      if (a.outcome == LookupOutcome::found) {
         entry.resolution = Resolution::resolved;
         entry.id = a.id;
         mails_[a.id].push_back(mails[i]);
         subs_dirty_ = true;
      } else if (a.outcome == LookupOutcome::not_found) {
         entry.resolution = Resolution::unknown;
         report(mails[i], entry, PortierPresence{}, now_us);
      } else {
         to_resolve_.push_back(mails[i]);
         if (a.retry_after) throttled = std::max(throttled.value_or(0.0), *a.retry_after);
      }
   }
   if (throttled) {
      health_.hold(http::retry_after_wait_us(*throttled, http::kRetryAfterSlackUs));
      health_.limited("user look-up throttled; retrying in " + seconds_text(health_.not_before_us() - steady_us()) + " s");
      return;
   }
   if (to_resolve_.empty()) {
      // the first sweep starts as soon as every look-up is done; with nobody found, the view is
      // complete already
      next_sweep_us_ = std::min(next_sweep_us_, steady_us());
      if (mails_.empty()) viewed_once_ = true;
   }
   succeeded();
}

void GraphSession::poll_step() {
   if (sweep_next_ >= sweep_.size()) {
      std::vector<std::string> ids = http::sorted_keys(mails_);
      sweep_ = chunks_of(ids, kMaxIdsPerPresenceRequest);
      sweep_next_ = 0;
      next_sweep_us_ = steady_us() + sweep_interval_us();
      if (sweep_.empty()) return;
   }
   // the same chunk is asked again when the wait is over
   if (!read_presences(sweep_[sweep_next_])) return;
   ++sweep_next_;
   if (sweep_next_ >= sweep_.size()) viewed_once_ = true;
   succeeded();
}

bool GraphSession::read_presences(const std::vector<std::string> &ids) {
   count_presence_request();
   const http::HttpResult result = graph_call(http::json_request(
       "POST", settings_.graph_url + "/communications/getPresencesByUserId", presence_request_body(ids)));
   const std::int64_t confirmed_us = host_.now_us();
   if (!result.ok() || result.response.status != 200) {
      failed(result, "presence read");
      return false;
   }
   auto answer = parse_presence_answer(result.response.body);
   if (!answer.ok()) {
      health_.back_off();
      health_.limited("presence read at " + settings_.graph_url + ": " + answer.message());
      return false;
   }
   std::unordered_map<std::string, const GraphPresence *> by_id;
   for (const GraphPresence &p : answer.value()) by_id.emplace(p.id, &p);
   for (const std::string &id : ids) {
      const auto found = by_id.find(id);
      // an id missing from the answer is unknown (Graph does not document this case)
      const PortierPresence state = found == by_id.end() ? PortierPresence{} : map_presence(*found->second);
      const auto list = mails_.find(id);
      if (list == mails_.end()) continue;  // unsubscribed meanwhile
      for (const std::string &mail : list->second) report(mail, keys_[mail], state, confirmed_us);
   }
   return true;
}

// Sets the wait after a failed request; false when `result` is a success (nothing to do).
bool GraphSession::failed(const http::HttpResult &result, const std::string &what) {
   return health_.report_failure(result, what, http_, token_);
}

void GraphSession::succeeded() {
   health_.ok();
   if (!viewed_once_) return;
   if (!webhook_problem_.empty()) {
      // polling carries the view, but what was configured does not work: limited, saying why
      if (!health_.degraded() || health_.reported() != webhook_problem_) health_.limited(webhook_problem_);
      return;
   }
   report_running();
}

// Running, with what carries the view; sent again only when that text changes.
void GraphSession::report_running() {
   if (!viewed_once_ || !webhook_problem_.empty()) return;
   const std::string text =
       webhooks_live() ? "change notifications for " + std::to_string(mails_.size()) + " users in " +
                             std::to_string(subs_.size()) + " subscriptions at " + settings_.graph_url +
                             "; polling every " + seconds_text(sweep_interval_us()) + " s as a safety net"
                       : "polling presence of " + std::to_string(mails_.size()) + " users at " + settings_.graph_url;
   if (!health_.degraded() && text == health_.reported()) return;
   health_.running(text);
}

// Polling's interval from the budget (poll_budget.h); while notifications cover every id, the
// safety net's longer one.
std::int64_t GraphSession::sweep_interval_us() const {
   const std::int64_t budget = poll_interval_us(mails_.size(), settings_.poll_interval_seconds,
                                                settings_.budget_requests_per_30s, settings_.budget_share_percent);
   return webhooks_live() ? std::max<std::int64_t>(budget, kSafetyPollSeconds * 1'000'000LL) : budget;
}

// Polls and notified reads share one window: at most share % of the budget per 30 s.
bool GraphSession::presence_budget_left() {
   const std::int64_t now = steady_us();
   while (!presence_sent_us_.empty() && now - presence_sent_us_.front() >= kBudgetWindowUs) presence_sent_us_.pop_front();
   const auto allowed = static_cast<std::size_t>(
       std::max(1, settings_.budget_requests_per_30s * settings_.budget_share_percent / 100));
   return presence_sent_us_.size() < allowed;
}

void GraphSession::count_presence_request() { presence_sent_us_.push_back(steady_us()); }

void GraphSession::report(const std::string &mail, Entry &entry, const PortierPresence &state, std::int64_t confirmed_us) {
   if (!entry.take_change(state)) return;
   http::post_presence(host_, PORTIER_PRESENCE_KEY_EMAIL, mail, state, confirmed_us, mail);
}

}  // namespace portier::teams
