// SPDX-License-Identifier: GPL-3.0-or-later
#include "office_channel.h"

#include <algorithm>
#include <chrono>
#include <utility>

#include "http_client.h"
#include "office_http.h"
#include "retry_backoff.h"
#include "session_clock.h"
#include "settings_options.h"
#include "websocket_client.h"

namespace portier::office {
namespace {

using Clock = std::chrono::steady_clock;
constexpr auto kTurn = std::chrono::milliseconds(50);
constexpr std::size_t kInboxMax = 100'000;            // notices waiting for the session thread
constexpr auto kRecoveryWindow = std::chrono::seconds(170);  // RingCentral keeps a session 180 s
constexpr std::int64_t kNoWstokenRetryAfterUs = 30'000'000;  // the doc: without Retry-After wait >= 30 s

// transport pings keep the idle timer apart from the Heartbeat frames RingCentral asks for
http::WebSocketOptions channel_options(const OfficeSettings &s) {
   return http::websocket_options_from_settings(s, "portier-presence-unify-office/1.0",
                                                std::max<long>(2L * s.websocket_heartbeat_seconds * 1000L, 10'000L));
}

}  // namespace

OfficeChannel::OfficeChannel(Host host, OfficeSettings settings) : host_(host), settings_(std::move(settings)) {
   thread_ = std::jthread([this](std::stop_token stop) { run(stop); });
}

OfficeChannel::~OfficeChannel() {
   if (thread_.joinable()) {
      thread_.request_stop();
      thread_.join();
   }
}

void OfficeChannel::want(const std::string &token, std::vector<std::string> ids) {
   const std::lock_guard<std::mutex> lock(mu_);
   token_ = token;
   if (ids == ids_) return;
   ids_ = std::move(ids);
   ++generation_;
}

std::vector<PresenceNotice> OfficeChannel::take() {
   const std::lock_guard<std::mutex> lock(mu_);
   return std::exchange(inbox_, {});
}

void OfficeChannel::deliver(PresenceNotice notice) {
   const std::lock_guard<std::mutex> lock(mu_);
   if (inbox_.size() >= kInboxMax) inbox_.erase(inbox_.begin());  // the next sweep repairs what is lost
   inbox_.push_back(std::move(notice));
}

std::vector<std::string> OfficeChannel::wanted_filters(std::uint64_t &generation) {
   const std::lock_guard<std::mutex> lock(mu_);
   generation = generation_;
   const bool account_wide = ids_.size() > static_cast<std::size_t>(settings_.websocket_account_filter_above);
   return presence_filters(ids_, account_wide);
}

void OfficeChannel::run(std::stop_token stop) {
   http::HttpClient http(http_options(settings_));
   http::WebSocketClient ws(channel_options(settings_));
   const std::stop_callback wake(stop, [&ws] { ws.interrupt(); });
   http::RetryBackoff backoff(settings_.backoff_min_seconds, settings_.backoff_max_seconds);
   Clock::time_point dropped_at{};
   while (!stop.stop_requested()) {
      std::string token;
      bool idle = false;
      {
         const std::lock_guard<std::mutex> lock(mu_);
         token = token_;
         idle = ids_.empty();
      }
      if (token.empty() || idle) {
         std::this_thread::sleep_for(kTurn);
         continue;
      }
      const bool recovering = !wsc_.empty() && Clock::now() - dropped_at < kRecoveryWindow;
      if (!recovering) wsc_.clear();
      std::string why;
      const http::HttpResult answer =
          http.send(http::json_request("POST", settings_.server_url + "/restapi/oauth/wstoken", "", token));
      std::int64_t wait_us = -1;
      if (!answer.ok()) {
         why = answer.error;
         http.reset_connection();
      } else if (answer.response.status == 429) {
         // like every RingCentral 429: nothing until Retry-After has passed
         const auto after = http::retry_after_seconds(answer.response);
         wait_us = after ? http::retry_after_wait_us(*after, kSlackUs) : kNoWstokenRetryAfterUs;
         why = "wstoken throttled (429)";
      } else if (answer.response.status != 200) {
         why = "wstoken: HTTP " + std::to_string(answer.response.status) + " " + error_code(answer.response.body);
      } else if (auto ticket = parse_wstoken_answer(answer.response.body); !ticket.ok()) {
         why = ticket.message();
      } else {
         had_live_ = false;
         const End end = converse(ws, stop, ws_connect_url(ticket.value(), recovering ? wsc_ : ""), recovering, why);
         live_.store(false);
         if (end == End::stopped) break;
         if (had_live_) backoff.reset();
         if (end == End::dropped) {
            // recover at once while RingCentral still holds the session
            if (had_live_) dropped_at = Clock::now();
            host_.info("RingCentral WebSocket dropped (" + why + "); recovering, polling meanwhile");
            if (had_live_) continue;
         } else if (end == End::session_over) {
            wsc_.clear();
            host_.info("RingCentral WebSocket session over (" + why + "); connecting a new one");
            if (had_live_) continue;
         }
      }
      if (wait_us < 0) wait_us = backoff.next_delay_us();
      host_.info("RingCentral WebSocket: " + why + "; polling meanwhile, next attempt in " +
                 std::to_string(wait_us / 1000) + " ms");
      http::sleep_unless_stopped(stop, wait_us, kTurn);
   }
   live_.store(false);
}

OfficeChannel::End OfficeChannel::converse(http::WebSocketClient &ws, const std::stop_token &stop, const std::string &url,
                                           bool recovering, std::string &why) {
   why = ws.connect(url);
   if (!why.empty()) return End::failed;
   const auto wait_limit = std::chrono::seconds(settings_.timeout_seconds);
   const auto heartbeat = std::chrono::seconds(settings_.websocket_heartbeat_seconds);
   auto last_rx = Clock::now();
   auto last_heartbeat = last_rx;
   bool detailed = false;              // ConnectionDetails arrived: nothing is sent before it
   std::uint64_t generation = 0;
   std::uint64_t seen_generation = ~std::uint64_t{0};
   std::vector<std::string> filters;
   std::vector<std::string> requested;
   std::string pending;                // messageId of the subscription request in flight
   Clock::time_point pending_since{};
   std::uint64_t request = 0;
   while (!stop.stop_requested()) {
      const auto now = Clock::now();
      if (!detailed && now - last_rx > wait_limit) {
         why = "no ConnectionDetails within " + std::to_string(settings_.timeout_seconds) + " s";
         ws.close(1000, "");
         return End::failed;
      }
      if (detailed) {
         {
            const std::lock_guard<std::mutex> lock(mu_);
            if (generation_ != seen_generation) {
               seen_generation = generation_;
               filters.clear();
            }
         }
         if (filters.empty()) filters = wanted_filters(generation);
         if (pending.empty() && filters != subscribed_) {
            pending = "c-" + std::to_string(++request);
            pending_since = now;
            requested = filters;
            why = ws.send_text(subscribe_frame(pending, requested));
            if (!why.empty()) return End::dropped;
         }
         if (!pending.empty() && now - pending_since > wait_limit) {
            why = "subscription not answered within " + std::to_string(settings_.timeout_seconds) + " s";
            ws.close(1000, "");
            return End::failed;
         }
         if (now - last_rx >= heartbeat && now - last_heartbeat >= heartbeat) {
            last_heartbeat = now;
            why = ws.send_text(heartbeat_frame("h-" + std::to_string(++request)));
            if (!why.empty()) return End::dropped;
         }
      }
      http::WebSocketEvent ev = ws.read(kTurn);
      if (ev.kind == http::WebSocketEvent::Kind::timeout) continue;
      if (ev.kind == http::WebSocketEvent::Kind::closed) {
         why = "closed " + std::to_string(ev.close_code) + " " + ev.close_reason.substr(0, 80);
         // WSG-902 (idle) and WSG-903 (absolute timeout) end the session: no recovery
         const bool over = ev.close_reason.find("WSG-90") != std::string::npos;
         return !detailed ? End::failed : over ? End::session_over : End::dropped;
      }
      if (ev.kind == http::WebSocketEvent::Kind::error) {
         why = ev.text;
         return stop.stop_requested() ? End::stopped : detailed ? End::dropped : End::failed;
      }
      last_rx = Clock::now();
      auto parsed = parse_ws_frame(ev.text);
      if (!parsed.ok()) continue;  // not ours to understand
      WsFrame &f = parsed.value();
      switch (f.type) {
      case WsFrame::Type::connection_details:
         if (!f.wsc_token.empty()) wsc_ = f.wsc_token;
         if (!detailed) {
            detailed = true;
            if (recovering && f.recovery_state == "Successful") {
               live_.store(!subscribed_.empty());  // kept, missed notifications replayed
               had_live_ = true;
            } else {
               if (recovering) host_.info("RingCentral WebSocket recovery " + f.recovery_state + "; subscribing again");
               subscribed_.clear();
            }
         }
         break;
      case WsFrame::Type::client_request:
         if (f.message_id != pending) break;
         pending.clear();
         if (f.status != 200) {
            why = "subscription refused: status " + std::to_string(f.status) + " " + f.error_code;
            ws.close(1000, "");
            return End::failed;
         }
         subscribed_ = requested;
         fresh_.fetch_add(1);
         live_.store(true);
         had_live_ = true;
         break;
      case WsFrame::Type::server_notification:
         if (f.has_notice) deliver(std::move(f.notice));
         break;
      case WsFrame::Type::error:
         why = "Error frame " + f.error_code;
         ws.close(1000, "");
         return End::failed;
      default:
         break;
      }
   }
   ws.close(1000, "");
   return End::stopped;
}

}  // namespace portier::office
