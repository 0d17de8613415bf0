// SPDX-License-Identifier: GPL-3.0-or-later
#include <utility>  // before asio: Boost 1.74 misses it under C++20

#include "circuit_push.h"

#include <chrono>
#include <memory>

#include <boost/asio/awaitable.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/ssl.hpp>
#include <boost/beast/websocket.hpp>
#include <boost/beast/websocket/ssl.hpp>

#include "circuit_push_frames.h"
#include "retry_backoff.h"

namespace portier::circuit {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace websocket = beast::websocket;
using tcp = asio::ip::tcp;
using Executor = asio::io_context::executor_type;
template <class T = void>
using Task = asio::awaitable<T, Executor>;
constexpr asio::use_awaitable_t<Executor> kAwait{};
using PlainStream = beast::basic_stream<tcp, Executor>;
using TlsStream = beast::ssl_stream<PlainStream>;
using Resolver = asio::ip::basic_resolver<tcp, Executor>;

constexpr std::size_t kInboxMax = 200'000;         // states waiting for the session thread
constexpr auto kTurn = std::chrono::milliseconds(50);
constexpr auto kCloseGrace = std::chrono::seconds(2);
constexpr auto kIdleTimeout = std::chrono::seconds(30);  // Beast pings at half of it

}  // namespace

// Named, not anonymous: a coroutine frame of a type from an anonymous namespace trips GCC's
// -Wsubobject-linkage when a unity batch includes this file.
namespace push_channel {

// One connection's inputs and outputs, owned by run() and outliving its io_context.
struct Channel {
   CircuitPush *push = nullptr;
   PushTarget target;
   std::vector<std::string> ids;
   std::size_t batch = 100;
   std::chrono::seconds timeout{20};
   std::string error;                      // why it ended
   std::function<void()> closer;           // closes the socket; set while connected
};

template <class Ws>
Task<> converse(Ws &ws, Channel &ch) {
   beast::error_code ec;
   beast::get_lowest_layer(ws).expires_never();
   auto timeouts = websocket::stream_base::timeout::suggested(beast::role_type::client);
   timeouts.handshake_timeout = ch.timeout;
   timeouts.idle_timeout = kIdleTimeout;
   timeouts.keep_alive_pings = true;
   ws.set_option(timeouts);
   ws.read_message_max(16u << 20);
   co_await ws.async_handshake(ch.target.host + ":" + ch.target.port, ch.target.target, asio::redirect_error(kAwait, ec));
   if (ec) {
      ch.error = "WebSocket handshake: " + ec.message();
      co_return;
   }
   ws.text(true);
   std::int64_t request = 0;
   std::size_t unanswered = 0;
   for (const auto &chunk : chunks_of(ch.ids, ch.batch)) {
      const std::string frame = subscribe_frame(++request, chunk);
      co_await ws.async_write(asio::buffer(frame), asio::redirect_error(kAwait, ec));
      if (ec) {
         ch.error = "SUBSCRIBE_PRESENCE not sent: " + ec.message();
         co_return;
      }
      ++unanswered;
   }
   beast::flat_buffer buffer;
   for (;;) {
      buffer.clear();
      co_await ws.async_read(buffer, asio::redirect_error(kAwait, ec));
      if (ec) {
         ch.error = "closed: " + ec.message();
         break;
      }
      auto frame = parse_push_frame(beast::buffers_to_string(buffer.data()));
      if (!frame.ok()) continue;  // not ours to understand; the SDK ignores such frames too
      PushFrame &f = frame.value();
      if (f.kind == PushFrame::Kind::response) {
         if (f.code != "OK") {
            ch.error = "SUBSCRIBE_PRESENCE answered " + f.code.substr(0, 60);
            break;
         }
         ch.push->deliver(std::move(f.states));
         if (unanswered > 0 && --unanswered == 0) ch.push->set_live(true);
      } else if (f.kind == PushFrame::Kind::presence) {
         ch.push->deliver(std::move(f.states));
      }
   }
   ch.push->set_live(false);
}

Task<> open_channel(asio::io_context &ioc, asio::ssl::context *tls, bool verify, Channel &ch) {
   beast::error_code ec;
   Resolver resolver(ioc.get_executor());
   const auto endpoints = co_await resolver.async_resolve(ch.target.host, ch.target.port, asio::redirect_error(kAwait, ec));
   if (ec) {
      ch.error = "resolving " + ch.target.host + ": " + ec.message();
      co_return;
   }
   if (tls == nullptr) {
      websocket::stream<PlainStream> ws(ioc.get_executor());
      ch.closer = [&ws] { beast::get_lowest_layer(ws).close(); };
      beast::get_lowest_layer(ws).expires_after(ch.timeout);
      co_await beast::get_lowest_layer(ws).async_connect(endpoints, asio::redirect_error(kAwait, ec));
      if (ec) {
         ch.error = "connecting: " + ec.message();
      } else {
         co_await converse(ws, ch);
      }
      ch.closer = nullptr;
      co_return;
   }
   websocket::stream<TlsStream> ws(ioc.get_executor(), *tls);
   ch.closer = [&ws] { beast::get_lowest_layer(ws).close(); };
   beast::get_lowest_layer(ws).expires_after(ch.timeout);
   co_await beast::get_lowest_layer(ws).async_connect(endpoints, asio::redirect_error(kAwait, ec));
   if (!ec) {
      SSL_set_tlsext_host_name(ws.next_layer().native_handle(), ch.target.host.c_str());
      if (verify) ws.next_layer().set_verify_callback(asio::ssl::host_name_verification(ch.target.host));
      co_await ws.next_layer().async_handshake(asio::ssl::stream_base::client, asio::redirect_error(kAwait, ec));
      if (ec) ch.error = "TLS: " + ec.message();
   } else {
      ch.error = "connecting: " + ec.message();
   }
   if (!ec) co_await converse(ws, ch);
   ch.closer = nullptr;
}

}  // namespace push_channel

namespace {

std::unique_ptr<asio::ssl::context> tls_context(const CircuitSettings &s, std::string &problem) {
   auto ctx = std::make_unique<asio::ssl::context>(asio::ssl::context::tls_client);
   beast::error_code ec;
   if (!s.verify_tls) {
      ctx->set_verify_mode(asio::ssl::verify_none);
      return ctx;
   }
   ctx->set_verify_mode(asio::ssl::verify_peer, ec);
   if (s.ca_file.empty()) {
      ctx->set_default_verify_paths(ec);
   } else {
      ctx->load_verify_file(s.ca_file, ec);
   }
   if (ec) problem = "TLS trust (" + (s.ca_file.empty() ? std::string("system CAs") : s.ca_file) + "): " + ec.message();
   return ctx;
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
   std::string problem;
   const bool tls = settings_.server_url.rfind("https://", 0) == 0;
   const auto tls_ctx = tls ? tls_context(settings_, problem) : nullptr;
   if (!problem.empty()) {
      host_.warn("Circuit event channel off, polling only: " + problem);
      return;
   }
   http::RetryBackoff backoff(1, 30);
   while (!stop.stop_requested()) {
      push_channel::Channel ch;
      std::uint64_t generation = 0;
      std::string token;
      {
         const std::lock_guard<std::mutex> lock(mu_);
         token = token_;
         ch.ids = ids_;
         generation = generation_;
      }
      if (token.empty() || ch.ids.empty()) {
         std::this_thread::sleep_for(kTurn);
         continue;
      }
      auto target = push_target(settings_.server_url, token);
      if (!target.ok()) {
         host_.warn("Circuit event channel off, polling only: " + target.message());
         return;
      }
      ch.push = this;
      ch.target = std::move(target).value();
      ch.batch = static_cast<std::size_t>(settings_.batch_size);
      ch.timeout = std::chrono::seconds(settings_.timeout_seconds);
      bool was_live = false;
      bool replaced = false;
      {
         asio::io_context ioc;
         asio::co_spawn(ioc, push_channel::open_channel(ioc, tls_ctx.get(), settings_.verify_tls, ch), asio::detached);
         while (!stop.stop_requested() && !ioc.stopped()) {
            ioc.run_for(kTurn);
            was_live = was_live || live();
            const std::lock_guard<std::mutex> lock(mu_);
            if (generation_ != generation) {
               replaced = true;
               break;
            }
         }
         if (!ioc.stopped()) {
            asio::post(ioc, [&ch] {
               if (ch.closer) ch.closer();
            });
            ioc.run_for(kCloseGrace);
         }
      }
      set_live(false);
      if (stop.stop_requested()) break;
      if (replaced) continue;  // a new token or id set: connect again at once
      if (was_live) backoff.reset();
      const std::int64_t wait_us = backoff.next_delay_us();
      host_.info("Circuit event channel at " + ch.target.host + ": " + (ch.error.empty() ? "ended" : ch.error) +
                 "; polling meanwhile, reconnecting in " + std::to_string(wait_us / 1'000'000) + " s");
      const auto until = std::chrono::steady_clock::now() + std::chrono::microseconds(wait_us);
      while (!stop.stop_requested() && std::chrono::steady_clock::now() < until) std::this_thread::sleep_for(kTurn);
   }
}

}  // namespace portier::circuit
