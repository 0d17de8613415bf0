// SPDX-License-Identifier: GPL-3.0-or-later
#include <utility>  // before asio: Boost 1.74 misses it under C++20

#include "websocket_client.h"

#include <atomic>
#include <optional>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/read_until.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core/buffers_to_string.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/websocket/stream.hpp>

#include "url_text.h"
#include "ws_byte_stream.h"

// Why callbacks on an io_context run by the owner's own calls, and not coroutines or blocking
// Beast calls: blocking calls have no timeouts, and coroutines cost minutes of compile time per
// stream type. Every call starts its operation and runs the context until it completed or its
// time is up; a read that timed out stays pending and the next read() continues it. Plain and
// TLS connections share one WebSocket stream type over WsByteStream (ws_byte_stream.h), so that
// Beast's WebSocket templates are compiled once, and this file needs no TLS at all.
namespace portier::http {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace websocket = beast::websocket;
using tcp = asio::ip::tcp;
using Clock = std::chrono::steady_clock;
using Ws = websocket::stream<WsByteStream>;

constexpr std::size_t kProxyAnswerMax = 16 * 1024;

// One asynchronous operation's outcome, shared with its handler so that a handler run late (after
// its caller gave up) writes into memory that still exists.
struct Outcome {
   bool done = false;
   beast::error_code ec;
   tcp::resolver::results_type endpoints;
};
using OutcomePtr = std::shared_ptr<Outcome>;

struct Endpoint {
   bool tls = false;
   std::string host;
   std::string port;
   std::string target = "/";
};

// "host[:port]" or "[v6][:port]" -> host and port; false without a host.
bool split_host_port(std::string_view text, std::string &host, std::string &port) {
   if (!text.empty() && text.front() == '[') {
      const auto close = text.find(']');
      if (close == std::string_view::npos) return false;
      host = std::string(text.substr(1, close - 1));
      if (close + 1 < text.size()) {
         if (text[close + 1] != ':') return false;
         port = std::string(text.substr(close + 2));
      }
   } else if (const auto colon = text.rfind(':'); colon != std::string_view::npos) {
      host = std::string(text.substr(0, colon));
      port = std::string(text.substr(colon + 1));
   } else {
      host = std::string(text);
   }
   return !host.empty() && !port.empty() && port.find_first_not_of("0123456789") == std::string::npos;
}

bool parse_ws_url(std::string_view url, Endpoint &e) {
   std::string_view rest;
   if (url.rfind("wss://", 0) == 0) {
      e.tls = true;
      e.port = "443";
      rest = url.substr(6);
   } else if (url.rfind("ws://", 0) == 0) {
      e.port = "80";
      rest = url.substr(5);
   } else {
      return false;
   }
   const auto slash = rest.find_first_of("/?");
   const std::string_view authority = rest.substr(0, slash);
   if (authority.find('@') != std::string_view::npos) return false;
   if (slash != std::string_view::npos) e.target = std::string(rest.substr(slash));
   if (!e.target.empty() && e.target.front() == '?') e.target.insert(0, "/");
   return split_host_port(authority, e.host, e.port);
}

// "http://host:port" -> host and port (1080 when absent, as libcurl has it).
bool parse_proxy(std::string_view proxy, std::string &host, std::string &port) {
   if (proxy.rfind("http://", 0) == 0) proxy.remove_prefix(7);
   if (const auto slash = proxy.find('/'); slash != std::string_view::npos) proxy = proxy.substr(0, slash);
   if (proxy.find('@') != std::string_view::npos) return false;  // proxy credentials: not supported
   port = "1080";
   return split_host_port(proxy, host, port);
}

std::string authority_of(const std::string &host, const std::string &port) {
   return (host.find(':') != std::string::npos ? "[" + host + "]" : host) + ":" + port;
}

}  // namespace

struct WebSocketClient::Impl {
   explicit Impl(WebSocketOptions options) : o(std::move(options)) {}

   WebSocketOptions o;
   asio::io_context ioc;
   std::unique_ptr<WsTlsTrust> trust;  // loaded at the first wss:// connect
   std::optional<tcp::resolver> resolver;
   std::optional<Ws> ws;             // from the TCP connect on; its next layer dials, tunnels and shakes TLS hands
   std::string where;                // the URL without its query, for error texts
   std::string proxy_request;
   std::string proxy_answer;
   websocket::response_type upgrade;
   beast::flat_buffer inbound;
   std::string outbound;
   OutcomePtr pending_read;          // a read that has not completed yet
   bool open = false;
   std::atomic<bool> interrupted{false};

   static auto on_done(const OutcomePtr &p) {
      return [p](beast::error_code ec, auto &&...) {
         p->ec = ec;
         p->done = true;
      };
   }

   // Runs the context until `p` completed, `until` passed or interrupt() was called.
   bool run_until(const Outcome &p, Clock::time_point until) {
      ioc.restart();
      while (!p.done) {
         if (interrupted.load()) return false;
         if (ioc.run_one_until(until) == 0) break;
      }
      return p.done && !interrupted.load();
   }

   void close_sockets() noexcept {
      if (resolver) resolver->cancel();
      if (ws) ws->next_layer().close_socket();
   }

   // Closes everything and lets the aborted operations finish before their streams go.
   void drop() noexcept {
      open = false;
      pending_read.reset();
      close_sockets();
      ioc.restart();
      for (int i = 0; i < 1000 && ioc.poll() > 0; ++i) {
      }
      ws.reset();
      resolver.reset();
   }

   std::string failure(const std::string &why) {
      drop();
      return "WebSocket " + where + ": " + why;
   }

   std::string why(const Outcome &p, const char *step) const {
      if (interrupted.load()) return std::string(step) + ": interrupted";
      if (!p.done) return std::string(step) + ": timed out";
      return std::string(step) + ": " + p.ec.message();
   }

   // CONNECT host:port through the proxy; "" when the tunnel stands.
   std::string tunnel(const Endpoint &e, Clock::time_point until) {
      const std::string authority = authority_of(e.host, e.port);
      proxy_request = "CONNECT " + authority + " HTTP/1.1\r\nHost: " + authority + "\r\nUser-Agent: " + o.user_agent +
                      "\r\n\r\n";
      auto sent = std::make_shared<Outcome>();
      asio::async_write(ws->next_layer(), asio::buffer(proxy_request), on_done(sent));
      if (!run_until(*sent, until) || sent->ec) return why(*sent, "proxy CONNECT");
      proxy_answer.clear();
      auto got = std::make_shared<Outcome>();
      asio::async_read_until(ws->next_layer(), asio::dynamic_buffer(proxy_answer, kProxyAnswerMax), "\r\n\r\n",
                             on_done(got));
      if (!run_until(*got, until) || got->ec) return why(*got, "proxy answer");
      // "HTTP/1.1 200 Connection established"
      if (proxy_answer.size() < 12 || proxy_answer.compare(0, 5, "HTTP/") != 0 ||
          proxy_answer.compare(proxy_answer.find(' ') + 1, 3, "200") != 0) {
         return "proxy refused CONNECT: " + proxy_answer.substr(0, std::min(proxy_answer.find('\r'), std::size_t{80}));
      }
      return {};
   }

   std::string upgrade_to_websocket(const Endpoint &e, Clock::time_point until) {
      ws->next_layer().expires_never();  // the WebSocket stream keeps its own time from here
      websocket::stream_base::timeout t{};
      t.handshake_timeout = std::chrono::duration_cast<Clock::duration>(until - Clock::now());
      t.idle_timeout = std::chrono::milliseconds(o.idle_timeout_ms);
      t.keep_alive_pings = true;
      ws->set_option(t);
      ws->set_option(websocket::stream_base::decorator(
          [agent = o.user_agent](websocket::request_type &r) { r.set(beast::http::field::user_agent, agent); }));
      ws->read_message_max(o.max_message_bytes);
      upgrade = {};
      auto shaken = std::make_shared<Outcome>();
      ws->async_handshake(upgrade, authority_of(e.host, e.port), e.target, on_done(shaken));
      if (!run_until(*shaken, until) || shaken->ec) {
         const unsigned status = upgrade.result_int();
         if (shaken->done && status != 0 && status != 101) return "upgrade refused with HTTP " + std::to_string(status);
         return why(*shaken, "WebSocket handshake");
      }
      ws->text(true);
      return {};
   }

   std::string connect(std::string_view url) {
      drop();
      interrupted.store(false);
      where = loggable_url(url);
      Endpoint e;
      if (!parse_ws_url(url, e)) return "WebSocket " + where + ": not a ws:// or wss:// URL with a host";
      if (e.tls && !trust) {
         auto loaded = std::make_unique<WsTlsTrust>();
         if (std::string problem = loaded->load(o.ca_file, o.verify_tls); !problem.empty()) return failure(problem);
         trust = std::move(loaded);
      }
      std::string dial_host = e.host;
      std::string dial_port = e.port;
      if (!o.proxy.empty() && !parse_proxy(o.proxy, dial_host, dial_port)) {
         return failure("proxy " + loggable_url(o.proxy) + " is not http://host:port");
      }
      const auto until = Clock::now() + std::chrono::milliseconds(o.connect_timeout_ms);
      resolver.emplace(ioc);
      auto resolved = std::make_shared<Outcome>();
      resolver->async_resolve(dial_host, dial_port, [resolved](beast::error_code ec, tcp::resolver::results_type r) {
         resolved->ec = ec;
         resolved->endpoints = std::move(r);
         resolved->done = true;
      });
      if (!run_until(*resolved, until) || resolved->ec) return failure(why(*resolved, ("resolving " + dial_host).c_str()));
      ws.emplace(ioc);
      WsByteStream &bytes = ws->next_layer();
      bytes.expires_at(until);
      auto connected = std::make_shared<Outcome>();
      bytes.start_connect(resolved->endpoints, WsIoDone(on_done(connected)));
      if (!run_until(*connected, until) || connected->ec) {
         return failure(why(*connected, ("connecting to " + authority_of(dial_host, dial_port)).c_str()));
      }
      if (!o.proxy.empty()) {
         if (std::string problem = tunnel(e, until); !problem.empty()) return failure(problem);
      }
      if (e.tls) {
         auto shaken = std::make_shared<Outcome>();
         bytes.start_tls(*trust, e.host, WsIoDone(on_done(shaken)));
         if (!run_until(*shaken, until) || shaken->ec) return failure(why(*shaken, "TLS"));
      }
      if (std::string problem = upgrade_to_websocket(e, until); !problem.empty()) return failure(problem);
      resolver.reset();
      open = true;
      return {};
   }

   WebSocketEvent read(std::chrono::milliseconds wait) {
      WebSocketEvent ev;
      if (!open || interrupted.load()) {
         ev.kind = WebSocketEvent::Kind::error;
         ev.text = "WebSocket " + where + (open ? ": interrupted" : ": not connected");
         drop();
         return ev;
      }
      if (!pending_read) {
         pending_read = std::make_shared<Outcome>();
         inbound.clear();
         ws->async_read(inbound, on_done(pending_read));
      }
      const OutcomePtr p = pending_read;
      if (!run_until(*p, Clock::now() + wait)) {
         if (!interrupted.load()) return ev;  // timeout; the read goes on
      }
      pending_read.reset();
      if (!interrupted.load() && !p->ec) {
         ev.kind = WebSocketEvent::Kind::message;
         ev.text = beast::buffers_to_string(inbound.data());
         inbound.clear();
         return ev;
      }
      if (p->ec == websocket::error::closed) {
         ev.kind = WebSocketEvent::Kind::closed;
         ev.close_code = static_cast<int>(ws->reason().code);
         ev.close_reason = std::string(ws->reason().reason.data(), ws->reason().reason.size());
      } else {
         ev.kind = WebSocketEvent::Kind::error;
         ev.text = "WebSocket " + where + ": " + (interrupted.load() ? std::string("interrupted") : p->ec.message());
      }
      drop();
      return ev;
   }

   std::string send_text(std::string_view text) {
      if (!open || interrupted.load()) return failure(open ? "interrupted" : "not connected");
      outbound.assign(text);
      auto sent = std::make_shared<Outcome>();
      ws->async_write(asio::buffer(outbound), on_done(sent));
      if (!run_until(*sent, Clock::now() + std::chrono::milliseconds(o.write_timeout_ms)) || sent->ec) {
         return failure(why(*sent, "sending"));
      }
      return {};
   }

   void close(int code, std::string_view reason) {
      if (open && !interrupted.load()) {
         auto closed = std::make_shared<Outcome>();
         websocket::close_reason cr(static_cast<std::uint16_t>(code));
         reason = reason.substr(0, 120);  // a close frame holds 123 bytes of reason
         cr.reason.assign(reason.data(), reason.size());
         ws->async_close(cr, on_done(closed));
         (void)run_until(*closed, Clock::now() + std::chrono::milliseconds(o.write_timeout_ms));
      }
      drop();
   }
};

WebSocketClient::WebSocketClient(WebSocketOptions options) : impl_(std::make_unique<Impl>(std::move(options))) {}

WebSocketClient::~WebSocketClient() { impl_->drop(); }

std::string WebSocketClient::connect(std::string_view url) { return impl_->connect(url); }

WebSocketEvent WebSocketClient::read(std::chrono::milliseconds wait) { return impl_->read(wait); }

std::string WebSocketClient::send_text(std::string_view text) { return impl_->send_text(text); }

void WebSocketClient::close(int code, std::string_view reason) { impl_->close(code, reason); }

bool WebSocketClient::is_open() const noexcept { return impl_->open; }

void WebSocketClient::interrupt() noexcept {
   impl_->interrupted.store(true);
   Impl *impl = impl_.get();
   asio::post(impl->ioc, [impl] { impl->close_sockets(); });
}

}  // namespace portier::http
