// SPDX-License-Identifier: GPL-3.0-or-later
#include "office_session.h"
#include "office_http.h"

#include <algorithm>
#include <chrono>
#include <optional>
#include <thread>
#include <utility>

#include <portier/event.hpp>
#include <portier/kind/presence.h>

#include "extension_list.h"
#include "office_token.h"
#include "presence_post.h"
#include "request_failure.h"
#include "session_clock.h"
#include "token_timing.h"

namespace portier::office {
namespace {

constexpr auto kIdleTurn = std::chrono::milliseconds(20);  // longest sleep before commands are looked at
constexpr std::int64_t kWindowUs = 60'000'000 + kSlackUs;   // RingCentral's window per API group
constexpr std::int64_t kNoRetryAfterUs = 30'000'000;        // the doc: without Retry-After wait >= 30 s

using http::steady_us;

}  // namespace

OfficeSession::OfficeSession(Host host, OfficeSettings settings, http::CommandQueue &queue)
    : host_(host),
      settings_(std::move(settings)),
      queue_(queue),
      http_(http_options(settings_)),
      health_(host_, settings_.backoff_min_seconds, settings_.backoff_max_seconds, kSlackUs, error_code),
      light_(allowed_per_minute(settings_.light_requests_per_minute, settings_.budget_share_percent), kWindowUs, true),
      medium_(allowed_per_minute(settings_.medium_requests_per_minute, settings_.budget_share_percent), kWindowUs, true),
      auth_(allowed_per_minute(settings_.auth_requests_per_minute, settings_.budget_share_percent), kWindowUs, false) {
   if (settings_.websocket) channel_ = std::make_unique<OfficeChannel>(host_, settings_);
}

void OfficeSession::run(std::stop_token stop) {
   set_limited("starting: no presence read from " + settings_.server_url + " yet");
   while (!stop.stop_requested()) {
      take_commands();
      feed_channel();  // notifications are applied during waits for the REST limits too
      const bool pushed = channel_ && channel_->live();
      if (pushed && health_.degraded() && viewed_once_) {
         health_.running("presence of " + std::to_string(numbers_.size()) + " extensions over RingCentral's WebSocket");
      }
      if (!http::ready_to_send(health_.not_before_us(), !keys_.empty(), kIdleTurn)) continue;
      const std::int64_t now = steady_us();
      if (!ensure_token()) continue;
      // a later listing (for numbers still missing) only takes turns the Medium group has room
      // for, so presence reads go on while a large account is listed again
      const bool first_listing = listed_at_us_ < 0;
      if (need_listing(now) && (first_listing || medium_.next_allowed_us(now) <= now)) {
         if (room_in(Group::medium)) list_step();
      } else if (sweep_next_ < sweep_.size() || (now >= next_sweep_us_ && !numbers_.empty() && (!pushed || resync_))) {
         if (room_in(Group::light)) poll_step();
      } else {
         std::this_thread::sleep_for(kIdleTurn);
      }
   }
}

void OfficeSession::take_commands() {
   const std::int64_t now_us = host_.now_us();
   for (http::Command &c : queue_.take()) {
      if (c.subscribe) {
         auto [it, added] = keys_.try_emplace(c.key);
         if (added && listed_at_us_ >= 0) resolve(c.key, it->second, now_us);
         continue;
      }
      const auto it = keys_.find(c.key);
      if (it == keys_.end()) continue;
      if (it->second.resolution == Resolution::resolved) {
         auto &list = numbers_[it->second.id];
         list.erase(std::remove(list.begin(), list.end(), c.key), list.end());
         if (list.empty()) {
            numbers_.erase(it->second.id);
            channel_dirty_ = true;
         }
      }
      missing_.erase(c.key);
      keys_.erase(it);
   }
}

// Looks `number` up in the last listing; a number it lacks is unknown until a later listing.
void OfficeSession::resolve(const std::string &number, Entry &entry, std::int64_t now_us) {
   const auto found = directory_.find(number);
   if (found == directory_.end()) {
      entry.resolution = Resolution::unknown;
      missing_.insert(number);
      report(number, entry, PortierPresence{}, now_us);
      return;
   }
   entry.resolution = Resolution::resolved;
   entry.id = found->second;
   numbers_[entry.id].push_back(number);
   channel_dirty_ = true;
   missing_.erase(number);
   next_sweep_us_ = std::min(next_sweep_us_, steady_us());  // a new extension is read at once
}

bool OfficeSession::need_listing(std::int64_t now) const {
   if (list_page_ > 0 || listed_at_us_ < 0) return true;
   return !missing_.empty() && now >= listed_at_us_ + std::int64_t{settings_.relist_seconds} * 1'000'000;
}

// True when `group` may take a request now; otherwise sleeps a turn.
bool OfficeSession::room_in(Group group) {
   const RateWindow &w = group == Group::light ? light_ : group == Group::medium ? medium_ : auth_;
   const std::int64_t now = steady_us();
   const std::int64_t at = w.next_allowed_us(now);
   if (at <= now) return true;
   std::this_thread::sleep_for(std::min<std::chrono::microseconds>(kIdleTurn, std::chrono::microseconds(at - now)));
   return false;
}

// One request, counted in its group's window when its answer is in (the server saw it by
// then); Remaining 0 closes the group for the window the server names.
http::HttpResult OfficeSession::send(Group group, const http::HttpRequest &request) {
   RateWindow &w = group == Group::light ? light_ : group == Group::medium ? medium_ : auth_;
   http::HttpResult result = http_.send(request);
   const std::int64_t now = steady_us();
   w.sent(now);
   if (result.ok()) {
      const auto remaining = result.response.header("x-rate-limit-remaining");
      const auto window = result.response.header("x-rate-limit-window");
      if (remaining && *remaining == "0") {
         const long seconds = window ? std::atol(window->c_str()) : 60;
         w.block_until(now + std::max(1L, seconds) * 1'000'000 + kSlackUs);
      }
   }
   return result;
}

bool OfficeSession::ensure_token() {
   const std::int64_t now = steady_us();
   if (!token_.empty() && now < token_renew_us_) return true;
   if (!room_in(Group::auth)) return false;
   Credentials credentials;
   const auto secret = host_.secret(settings_.client_secret);
   if (!secret) {
      health_.back_off();
      set_limited("the secret '" + settings_.client_secret + "' (client_secret) is not set");
      return false;
   }
   credentials.client_secret = *secret;
   const bool refreshing = !refresh_token_.empty() && now < refresh_until_us_;
   if (!refreshing) {
      const std::string &name = settings_.auth_flow == AuthFlow::jwt ? settings_.jwt_secret : settings_.password_secret;
      const auto value = host_.secret(name);
      if (!value) {
         health_.back_off();
         set_limited("the secret '" + name + "' is not set");
         return false;
      }
      (settings_.auth_flow == AuthFlow::jwt ? credentials.jwt : credentials.password) = *value;
   }
   http::HttpRequest request;
   request.method = "POST";
   request.url = token_url(settings_);
   request.headers = {"Content-Type: application/x-www-form-urlencoded", "Accept: application/json",
                      basic_auth_header(settings_.client_id, credentials.client_secret)};
   request.body = refreshing ? refresh_body(refresh_token_) : grant_body(settings_, credentials);
   const http::HttpResult result = send(Group::auth, request);
   token_.clear();
   if (!result.ok() || result.response.status == 429 || result.response.status >= 500) {
      failed(Group::auth, result, "token");
      return false;
   }
   auto token = parse_token_answer(result.response.body);
   if (!token.ok()) {
      if (refreshing) {
         // an expired or revoked refresh token: the next turn asks with the credentials
         refresh_token_.clear();
         host_.info("refresh token refused (" + token.message() + "); asking for a new grant");
         return false;
      }
      health_.back_off();
      set_limited("token from " + token_url(settings_) + " (HTTP " + std::to_string(result.response.status) +
                  "): " + token.message());
      return false;
   }
   token_ = token.value().access_token;
   token_renew_us_ = http::renew_at_us(now, token.value().lifetime_s, settings_.token_margin_seconds);
   if (!token.value().refresh_token.empty()) {
      refresh_token_ = token.value().refresh_token;
      refresh_until_us_ = http::renew_at_us(now, token.value().refresh_lifetime_s, settings_.token_margin_seconds);
   }
   return true;
}

void OfficeSession::list_step() {
   if (list_page_ == 0) {
      list_page_ = 1;
      listing_.clear();
   }
   const http::HttpResult result = send(
       Group::medium, http::json_request("GET", settings_.server_url + extension_page_path(list_page_, settings_.extension_page_size),
                                         "", token_));
   if (!result.ok() || result.response.status != 200) {
      failed(Group::medium, result, "extension list");
      return;  // the same page is asked again when the wait is over
   }
   auto page = parse_extension_page(result.response.body);
   if (!page.ok()) {
      health_.back_off();
      set_limited("extension list at " + settings_.server_url + ": " + page.message());
      return;
   }
   for (const ExtensionRecord &r : page.value().records) {
      if (!r.extension_number.empty()) listing_[r.extension_number] = r.id;
   }
   if (page.value().has_next) {
      ++list_page_;
      succeeded();
      return;
   }
   list_page_ = 0;
   listed_at_us_ = steady_us();
   directory_ = std::move(listing_);
   listing_.clear();
   const std::int64_t now_us = host_.now_us();
   for (auto &[number, entry] : keys_) {
      if (entry.resolution != Resolution::resolved) resolve(number, entry, now_us);
   }
   if (numbers_.empty()) viewed_once_ = true;  // nobody to read: the view is complete
   succeeded();
}

void OfficeSession::poll_step() {
   if (sweep_next_ >= sweep_.size()) {
      std::vector<std::string> ids = http::sorted_keys(numbers_);
      sweep_ = chunks_of(ids, kMaxIdsPerPresenceRequest);
      sweep_next_ = 0;
      resync_ = false;
      next_sweep_us_ = steady_us() + std::int64_t{settings_.poll_interval_seconds} * 1'000'000;
      if (sweep_.empty()) return;
   }
   const std::vector<std::string> &ids = sweep_[sweep_next_];
   http::HttpRequest request = http::json_request("GET", settings_.server_url + presence_path(ids), "", token_);
   for (std::string &h : request.headers) {
      if (h.rfind("Accept:", 0) == 0) h = std::string("Accept: ") + kMultipartJson;
   }
   const http::HttpResult result = send(Group::light, request);
   const std::int64_t confirmed_us = host_.now_us();
   if (!result.ok() || (result.response.status != 200 && result.response.status != 207)) {
      failed(Group::light, result, "presence read");
      return;  // the same chunk is asked again when the wait is over
   }
   auto answer = parse_presence_answer(result.response.body);
   if (!answer.ok()) {
      health_.back_off();
      set_limited("presence read at " + settings_.server_url + ": " + answer.message());
      return;
   }
   std::size_t failed_parts = 0;
   for (const PresencePart &part : answer.value()) {
      const auto list = numbers_.find(part.id);
      if (list == numbers_.end()) continue;  // unsubscribed meanwhile, or not asked
      if (part.status != 200 && part.status != 404) {
         ++failed_parts;  // this id keeps its last state until the next sweep
         continue;
      }
      // 404: the extension is gone since the listing; unknown until a listing finds it again
      if (part.status == 200) last_[part.id] = part.presence;
      const PortierPresence state = part.status == 200 ? map_presence(part.presence) : PortierPresence{};
      for (const std::string &number : list->second) report(number, keys_[number], state, confirmed_us);
   }
   if (failed_parts > 0) {
      host_.info("presence read: " + std::to_string(failed_parts) + " of " + std::to_string(ids.size()) +
                 " parts failed; kept until the next sweep");
   }
   ++sweep_next_;
   if (sweep_next_ >= sweep_.size()) viewed_once_ = true;
   succeeded();
}

// Sets the wait after a failed request; false when `result` is a success (nothing to do).
bool OfficeSession::failed(Group group, const http::HttpResult &result, const std::string &what) {
   const long status = result.ok() ? result.response.status : 0;
   if (status == 401 && group != Group::auth) {
      // an expired or revoked access token: the next turn gets a new one and asks again
      host_.info(what + ": HTTP 401 " + error_code(result.response.body) + "; renewing the token");
      token_.clear();
      return true;
   }
   std::optional<http::RequestFailure> failure;
   if (status == 429) {
      // every request during the penalty restarts it, so nothing at all goes out until then;
      // RingCentral's rule (Retry-After, else 30 s), not the backoff
      const auto after = http::retry_after_seconds(result.response);
      failure = http::RequestFailure{"throttled (429 " + error_code(result.response.body) + ")",
                                     after ? http::retry_after_wait_us(*after, kSlackUs) : kNoRetryAfterUs};
      health_.hold(failure->wait_us);
   } else {
      failure = health_.fail(result, http_);
      if (!failure) return false;
   }
   if (status == 401) token_.clear();  // the token request itself was refused
   set_limited(http::failure_text(what, *failure));
   return true;
}

void OfficeSession::succeeded() {
   health_.ok(viewed_once_, [this] {
      return "polling presence of " + std::to_string(numbers_.size()) + " extensions at " + settings_.server_url;
   });
}

void OfficeSession::report(const std::string &number, Entry &entry, const PortierPresence &state, std::int64_t confirmed_us) {
   if (!entry.take_change(state)) return;
   http::post_presence(host_, PORTIER_PRESENCE_KEY_EXTENSION, number, state, confirmed_us, "extension " + number);
}

// Hands the channel the token and the resolved ids, and reports what it received.
void OfficeSession::feed_channel() {
   if (!channel_) return;
   if (channel_dirty_ || channel_token_ != token_) {
      std::vector<std::string> ids = http::sorted_keys(numbers_);
      channel_->want(token_, std::move(ids));
      channel_dirty_ = false;
      channel_token_ = token_;
   }
   if (const std::uint64_t fresh = channel_->fresh_subscriptions(); fresh != fresh_seen_) {
      // notifications before this subscription may be lost: read everything once
      fresh_seen_ = fresh;
      resync_ = true;
      sequence_.clear();
      next_sweep_us_ = std::min(next_sweep_us_, steady_us());
   }
   for (PresenceNotice &notice : channel_->take()) apply(notice);
}

// One notification: an older one than the last of its extension is dropped; absent fields keep
// the last value seen (telephonyStatus comes only when it changed).
void OfficeSession::apply(PresenceNotice &notice) {
   const auto list = numbers_.find(notice.extension_id);
   if (list == numbers_.end()) return;  // the account-wide filter brings everyone's
   if (notice.sequence >= 0) {
      auto [seq, added] = sequence_.try_emplace(notice.extension_id, notice.sequence);
      if (!added) {
         if (notice.sequence <= seq->second) return;
         seq->second = notice.sequence;
      }
   }
   OfficePresence &merged = last_[notice.extension_id];
   const OfficePresence &n = notice.presence;
   if (!n.presence_status.empty()) merged.presence_status = n.presence_status;
   if (!n.dnd_status.empty()) merged.dnd_status = n.dnd_status;
   if (!n.telephony_status.empty()) merged.telephony_status = n.telephony_status;
   if (!n.meeting_status.empty()) merged.meeting_status = n.meeting_status;
   merged.message = n.message;
   const PortierPresence state = map_presence(merged);
   const std::int64_t confirmed_us = host_.now_us();
   for (const std::string &number : list->second) report(number, keys_[number], state, confirmed_us);
}

void OfficeSession::set_limited(const std::string &why) {
   if (channel_ && channel_->live() && viewed_once_) {
      host_.info(why + " (notifications still arrive over the WebSocket)");
      return;
   }
   health_.limited(why);
}

}  // namespace portier::office
