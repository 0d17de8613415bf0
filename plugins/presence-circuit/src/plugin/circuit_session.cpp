// SPDX-License-Identifier: GPL-3.0-or-later
#include "circuit_session.h"

#include <algorithm>
#include <chrono>
#include <thread>
#include <utility>

#include <portier/event.hpp>
#include <portier/kind/presence.h>

#include "circuit_token.h"
#include "circuit_users.h"
#include "presence_post.h"
#include "request_failure.h"
#include "session_clock.h"
#include "settings_options.h"

namespace portier::circuit {
namespace {

constexpr auto kIdleTurn = std::chrono::milliseconds(20);  // longest sleep before commands are looked at

using http::steady_us;

http::HttpOptions http_options(const CircuitSettings &s) {
   return http::options_from_settings(s, "portier-presence-circuit/1.0");
}

}  // namespace

CircuitSession::CircuitSession(Host host, CircuitSettings settings, http::CommandQueue &queue)
    : host_(host),
      settings_(std::move(settings)),
      queue_(queue),
      http_(http_options(settings_)),
      health_(host_, settings_.backoff_min_seconds, settings_.backoff_max_seconds, http::kRetryAfterSlackUs,
              circuit_error_text) {
   if (settings_.push) push_ = std::make_unique<CircuitPush>(host_, settings_);
}

void CircuitSession::run(std::stop_token stop) {
   health_.limited("starting: no presence read from " + settings_.server_url + " yet");
   while (!stop.stop_requested()) {
      take_commands();
      if (!token_.empty()) feed_push();  // pushed changes are reported during waits too
      if (!http::ready_to_send(health_.not_before_us(), !keys_.empty(), kIdleTurn)) continue;
      const std::int64_t now = steady_us();
      if (!ensure_token()) continue;
      const std::int64_t interval =
          push_ && push_->live() ? std::max<std::int64_t>(sweep_interval_us_, settings_.push_poll_interval_seconds * 1'000'000LL)
                                 : sweep_interval_us_;
      if (!to_resolve_.empty()) {
         resolve_batch();
      } else if (!sweep_.empty() || ((sweep_now_ || now >= sweep_started_us_ + interval) && !mails_.empty())) {
         poll_step();
      } else {
         std::this_thread::sleep_for(kIdleTurn);
      }
   }
}

// Hands the channel the current token and ids once every key is looked up, and reports what it
// received since the last turn.
void CircuitSession::feed_push() {
   if (!push_) return;
   if (to_resolve_.empty() && (pushed_version_ != ids_version_ || pushed_token_ != token_)) {
      std::vector<std::string> ids = http::sorted_keys(mails_);
      push_->want(token_, std::move(ids));
      pushed_version_ = ids_version_;
      pushed_token_ = token_;
   }
   const std::vector<CircuitPresence> states = push_->take();
   if (states.empty()) return;
   const std::int64_t confirmed_us = host_.now_us();
   for (const CircuitPresence &p : states) report_id(p.user_id, map_presence(p), confirmed_us);
}

void CircuitSession::take_commands() {
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
            ++ids_version_;
         }
      }
      keys_.erase(it);  // a pending look-up of it is skipped when its turn comes
   }
}

bool CircuitSession::ensure_token() {
   if (!token_.empty() && steady_us() < token_renew_us_) return true;
   return fetch_token();
}

bool CircuitSession::fetch_token() {
   token_.clear();
   const auto secret = host_.secret(settings_.client_secret);
   if (!secret) {
      health_.back_off();
      health_.limited("the secret '" + settings_.client_secret + "' (client_secret) is not set");
      return false;
   }
   http::HttpRequest request;
   request.method = "POST";
   request.url = settings_.server_url + "/oauth/token";
   request.headers = {basic_auth_header(settings_.client_id, *secret),
                      "Content-Type: application/x-www-form-urlencoded", "Accept: application/json"};
   request.body = token_request_body(settings_.scope);
   const std::int64_t sent = steady_us();
   const http::HttpResult result = http_.send(request);
   if (!result.ok() || result.response.status == 429 || result.response.status >= 500) {
      failed(result, "token");
      return false;
   }
   auto token = parse_token_answer(result.response.body);
   if (!token.ok()) {
      health_.back_off();
      health_.limited("token from " + request.url + " (HTTP " + std::to_string(result.response.status) + "): " + token.message());
      return false;
   }
   token_ = token.value().access_token;
   token_renew_us_ = token_renew_at_us(token.value(), sent, settings_.token_margin_seconds);
   return true;
}

// One GET with the current token; a 401 gets one fresh token and one retry.
http::HttpResult CircuitSession::circuit_get(const std::string &url) {
   http::HttpRequest r = http::json_request("GET", url, "", token_);
   http::HttpResult result = http_.send(r);
   if (!result.ok() || result.response.status != 401) return result;
   host_.info("Circuit answered 401 (" + circuit_error_text(result.response.body) + "); fetching a new token");
   if (!fetch_token()) return result;
   r = http::json_request("GET", url, "", token_);
   return http_.send(r);
}

void CircuitSession::resolve_batch() {
   std::vector<std::string> mails;
   const auto limit = static_cast<std::size_t>(settings_.batch_size);
   while (!to_resolve_.empty() && mails.size() < limit) {
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
   const http::HttpResult result = circuit_get(users_list_url(settings_.server_url, mails));
   std::vector<std::string> ids(mails.size());  // all "" when Circuit found none (404)
   if (!result.ok() || result.response.status != 404) {
      auto matched = result.ok() && result.response.status == 200 ? match_users(result.response.body, mails)
                                                                   : Result<std::vector<std::string>>(portier::error(PORTIER_ERR_INVALID, ""));
      if (!matched.ok()) {
         to_resolve_.insert(to_resolve_.begin(), mails.begin(), mails.end());
         if (!failed(result, "user look-up")) {
            // a 200 that is not a user list
            health_.back_off();
            health_.limited("user look-up at " + settings_.server_url + ": " + matched.message());
         }
         return;
      }
      ids = std::move(matched).value();
   }
   const std::int64_t now_us = host_.now_us();
   for (std::size_t i = 0; i < mails.size(); ++i) {
      Entry &entry = keys_[mails[i]];
      if (!ids[i].empty()) {
         entry.resolution = Resolution::resolved;
         entry.id = ids[i];
         mails_[ids[i]].push_back(mails[i]);
         ++ids_version_;
      } else {
         entry.resolution = Resolution::unknown;
         report(mails[i], entry, PortierPresence{}, now_us);
      }
   }
   if (to_resolve_.empty()) {
      // the next sweep starts as soon as every look-up is done; with nobody found, the view is
      // complete already
      sweep_.clear();
      sweep_now_ = true;
      if (mails_.empty()) viewed_once_ = true;
   }
   succeeded();
}

void CircuitSession::poll_step() {
   if (sweep_.empty()) {
      std::vector<std::string> ids = http::sorted_keys(mails_);
      const auto batch = static_cast<std::size_t>(settings_.batch_size);
      for (auto &chunk : chunks_of(ids, batch)) sweep_.push_back(std::move(chunk));
      sweep_started_us_ = steady_us();
      sweep_now_ = false;
      sweep_interval_us_ = poll_interval_us(ids.size(), batch, settings_.poll_interval_seconds, settings_.requests_per_minute);
      if (sweep_.empty()) return;
   }
   const std::vector<std::string> ids = sweep_.front();
   const http::HttpResult result = circuit_get(presence_url(settings_.server_url, ids));
   const std::int64_t confirmed_us = host_.now_us();
   if (result.ok() && result.response.status == 404) {
      // Circuit fails the whole call when one id does not exist: halve until it is found
      sweep_.pop_front();
      if (ids.size() == 1) {
         // reported unknown and dropped from the sweeps, so later sweeps do not halve again;
         // subscribing the key anew looks it up again
         host_.warn("Circuit user " + ids.front() + " no longer exists; its keys are unknown");
         report_id(ids.front(), PortierPresence{}, confirmed_us);
         if (const auto list = mails_.find(ids.front()); list != mails_.end()) {
            for (const std::string &mail : list->second) {
               keys_[mail].resolution = Resolution::unknown;
               keys_[mail].id.clear();
            }
            mails_.erase(list);
            ++ids_version_;
         }
      } else {
         const auto half = static_cast<std::ptrdiff_t>(ids.size() / 2);
         sweep_.emplace_front(ids.begin() + half, ids.end());
         sweep_.emplace_front(ids.begin(), ids.begin() + half);
      }
      if (sweep_.empty()) viewed_once_ = true;
      succeeded();
      return;
   }
   if (!result.ok() || result.response.status != 200) {
      failed(result, "presence read");
      return;  // the same chunk is asked again when the wait is over
   }
   auto answer = parse_presence_answer(result.response.body);
   if (!answer.ok()) {
      health_.back_off();
      health_.limited("presence read at " + settings_.server_url + ": " + answer.message());
      return;
   }
   std::unordered_map<std::string, const CircuitPresence *> by_id;
   for (const CircuitPresence &p : answer.value()) by_id.emplace(p.user_id, &p);
   for (const std::string &id : ids) {
      const auto found = by_id.find(id);
      // an id missing from a 200 answer is unknown (Circuit does not document this case)
      report_id(id, found == by_id.end() ? PortierPresence{} : map_presence(*found->second), confirmed_us);
   }
   sweep_.pop_front();
   if (sweep_.empty()) viewed_once_ = true;
   succeeded();
}

void CircuitSession::report_id(const std::string &id, const PortierPresence &state, std::int64_t confirmed_us) {
   const auto list = mails_.find(id);
   if (list == mails_.end()) return;  // unsubscribed meanwhile
   for (const std::string &mail : list->second) report(mail, keys_[mail], state, confirmed_us);
}

// Sets the wait after a failed request; false when `result` is a success (nothing to do).
bool CircuitSession::failed(const http::HttpResult &result, const std::string &what) {
   return health_.report_failure(result, what, http_, token_);
}

void CircuitSession::succeeded() {
   health_.ok(viewed_once_, [this] {
      return "polling presence of " + std::to_string(mails_.size()) + " users at " + settings_.server_url;
   });
}

void CircuitSession::report(const std::string &mail, Entry &entry, const PortierPresence &state, std::int64_t confirmed_us) {
   if (!entry.take_change(state)) return;
   http::post_presence(host_, PORTIER_PRESENCE_KEY_EMAIL, mail, state, confirmed_us, mail);
}

}  // namespace portier::circuit
