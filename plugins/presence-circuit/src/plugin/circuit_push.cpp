// SPDX-License-Identifier: GPL-3.0-or-later
#include "circuit_push.h"

#include <chrono>
#include <utility>

#include "circuit_push_frames.h"
#include "retry_backoff.h"
#include "session_clock.h"
#include "settings_options.h"
#include "websocket_client.h"

namespace portier::circuit {
namespace {

constexpr std::size_t kInboxMax = 200'000;         // states waiting for the session thread
constexpr auto kTurn = std::chrono::milliseconds(50);
constexpr long kIdleTimeoutMs = 30'000;            // the client pings after half of it idle

http::WebSocketOptions channel_options(const CircuitSettings &s) {
   return http::websocket_options_from_settings(s, "portier-presence-circuit/1.0", kIdleTimeoutMs);
}

std::string channel_url(const PushTarget &t) {
   const std::string host = t.host.find(':') != std::string::npos ? "[" + t.host + "]" : t.host;
   return (t.tls ? "wss://" : "ws://") + host + ":" + t.port + t.target;
}

}  // namespace

CircuitPush::CircuitPush(Host host, CircuitSettings settings) : host_(host), settings_(std::move(settings)) {
   thread_ = std::jthread([this](std::stop_token stop) { run(stop); });
}

CircuitPush::~CircuitPush() {
   if (thread_.joinable()) {
      thread_.request_stop();
      thread_.join();
   }
}

void CircuitPush::want(const std::string &token, std::vector<std::string> ids) {
   const std::lock_guard<std::mutex> lock(mu_);
   if (token == token_ && ids == ids_) return;
   token_ = token;
   ids_ = std::move(ids);
   ++generation_;
}

std::vector<CircuitPresence> CircuitPush::take() {
   const std::lock_guard<std::mutex> lock(mu_);
   return std::exchange(inbox_, {});
}

void CircuitPush::deliver(std::vector<CircuitPresence> states) {
   const std::lock_guard<std::mutex> lock(mu_);
   for (CircuitPresence &p : states) {
      if (inbox_.size() >= kInboxMax) inbox_.erase(inbox_.begin());  // the next poll repairs what is lost
      inbox_.push_back(std::move(p));
   }
}

void CircuitPush::run(std::stop_token stop) {
   http::WebSocketClient ws(channel_options(settings_));
   const std::stop_callback wake(stop, [&ws] { ws.interrupt(); });
   http::RetryBackoff backoff(1, 30);
   while (!stop.stop_requested()) {
      std::uint64_t generation = 0;
      std::string token;
      std::vector<std::string> ids;
      {
         const std::lock_guard<std::mutex> lock(mu_);
         token = token_;
         ids = ids_;
         generation = generation_;
      }
      if (token.empty() || ids.empty()) {
         std::this_thread::sleep_for(kTurn);
         continue;
      }
      auto target = push_target(settings_.server_url, token);
      if (!target.ok()) {
         host_.warn("Circuit event channel off, polling only: " + target.message());
         return;
      }
      const std::string host = target.value().host;
      bool was_live = false;
      bool replaced = false;
      std::string error = ws.connect(channel_url(target.value()));
      std::size_t unanswered = 0;
      std::int64_t request = 0;
      for (const auto &chunk : chunks_of(ids, static_cast<std::size_t>(settings_.batch_size))) {
         if (!error.empty()) break;
         error = ws.send_text(subscribe_frame(++request, chunk));
         if (error.empty()) ++unanswered;
      }
      while (error.empty() && !stop.stop_requested()) {
         {
            const std::lock_guard<std::mutex> lock(mu_);
            if (generation_ != generation) {
               replaced = true;
               break;
            }
         }
         http::WebSocketEvent ev = ws.read(kTurn);
         if (ev.kind == http::WebSocketEvent::Kind::timeout) continue;
         if (ev.kind == http::WebSocketEvent::Kind::closed) {
            error = "closed by the server (" + std::to_string(ev.close_code) + " " + ev.close_reason.substr(0, 60) + ")";
            break;
         }
         if (ev.kind == http::WebSocketEvent::Kind::error) {
            error = ev.text;
            break;
         }
         auto frame = parse_push_frame(ev.text);
         if (!frame.ok()) continue;  // not ours to understand; the SDK ignores such frames too
         PushFrame &f = frame.value();
         if (f.kind == PushFrame::Kind::response) {
            if (f.code != "OK") {
               error = "SUBSCRIBE_PRESENCE answered " + f.code.substr(0, 60);
               break;
            }
            deliver(std::move(f.states));
            if (unanswered > 0 && --unanswered == 0) {
               set_live(true);
               was_live = true;
            }
         } else if (f.kind == PushFrame::Kind::presence) {
            deliver(std::move(f.states));
         }
      }
      set_live(false);
      ws.close(1000, "");
      if (stop.stop_requested()) break;
      if (replaced) continue;  // a new token or id set: connect again at once
      if (was_live) backoff.reset();
      const std::int64_t wait_us = backoff.next_delay_us();
      host_.info("Circuit event channel at " + host + ": " + (error.empty() ? "ended" : error) +
                 "; polling meanwhile, reconnecting in " + std::to_string(wait_us / 1'000'000) + " s");
      http::sleep_unless_stopped(stop, wait_us, kTurn);
   }
}

}  // namespace portier::circuit
