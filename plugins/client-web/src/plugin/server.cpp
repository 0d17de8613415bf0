// SPDX-License-Identifier: GPL-3.0-or-later
#include "server.h"

#include <chrono>
#include <string>
#include <thread>

#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>

#include "net.h"

namespace portier::web {
namespace {

constexpr std::chrono::milliseconds kAcceptBackoff{100};  // after an accept error (out of descriptors)
constexpr std::chrono::seconds kExpiryInterval{30};       // how often idle and old sessions are ended
// At stop, consoles get a close frame 1001 (going away) and this long to answer it, so the
// browser sees a clean close and reconnects calmly instead of reporting a broken connection.
constexpr std::chrono::milliseconds kGoingAwayGrace{2000};
constexpr std::chrono::milliseconds kGoingAwayPoll{10};

Task<> accept_loop(ServerContext &ctx, Acceptor &acceptor) {
   SteadyTimer backoff(acceptor.get_executor());
   bool refusing = false;  // at the connection limit: logged once per episode
   for (;;) {
      beast::error_code ec;
      Socket socket = co_await acceptor.async_accept(asio::redirect_error(kAwait, ec));
      if (ec == asio::error::operation_aborted || !acceptor.is_open()) co_return;
      if (ec) {
         ctx.host.warn("client.web: accept failed: " + ec.message());
         backoff.expires_after(kAcceptBackoff);
         co_await backoff.async_wait(asio::redirect_error(kAwait, ec));
         continue;
      }
      if (ctx.connections >= static_cast<std::size_t>(ctx.settings.limits.connections)) {
         if (!refusing) {
            ctx.host.warn("client.web: " + std::to_string(ctx.connections) +
                          " connections open, the limit (limits.connections); new ones are closed");
         }
         refusing = true;
         socket.close(ec);
         continue;
      }
      refusing = false;
      asio::co_spawn(acceptor.get_executor(), serve_connection(ctx, std::move(socket)), asio::detached);
   }
}

// The sessions kept over a restart come back before the first request is read, so a console
// reconnecting at once finds its session.
Task<> restore_then_accept(ServerContext &ctx, Acceptor &acceptor) {
   co_await restore_sessions(ctx);
   co_await accept_loop(ctx, acceptor);
}

// Ends expired sessions every kExpiryInterval until the I/O thread stops.
Task<> expiry_loop(ServerContext &ctx, SteadyTimer timer) {
   for (;;) {
      timer.expires_after(kExpiryInterval);
      beast::error_code ec;
      co_await timer.async_wait(asio::redirect_error(kAwait, ec));
      if (ec == asio::error::operation_aborted) co_return;
      expire_sessions(ctx);
   }
}

// Stops taking connections, closes every console with 1001 and stops the I/O thread once they
// have gone (or after kGoingAwayGrace: a console that never answers the close does not hold
// the stop up).
Task<> going_away(ServerContext &ctx, Acceptor &acceptor, asio::io_context &io) {
   beast::error_code ec;
   acceptor.close(ec);
   ctx.hub.close_all(static_cast<std::uint16_t>(websocket::close_code::going_away), "server stopping");
   SteadyTimer poll(acceptor.get_executor());
   const auto deadline = std::chrono::steady_clock::now() + kGoingAwayGrace;
   while (ctx.hub.consoles() > 0 && std::chrono::steady_clock::now() < deadline) {
      poll.expires_after(kGoingAwayPoll);
      co_await poll.async_wait(asio::redirect_error(kAwait, ec));
   }
   io.stop();
}

}  // namespace

struct WebServer::Impl {
   // Destroyed bottom-up: the io_context first (it ends every session and coroutine, which use
   // the context and the TLS settings), then those.
   std::unique_ptr<asio::ssl::context> tls;
   std::unique_ptr<ServerContext> ctx;
   std::unique_ptr<asio::io_context> io;
   std::unique_ptr<Acceptor> acceptor;  // the accept loop's; closed by going_away
   std::uint16_t port = 0;
   std::thread thread;
};

WebServer::WebServer(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

WebServer::~WebServer() { stop(); }

Result<std::unique_ptr<WebServer>> WebServer::open(Host host, const portier_host_client_v1 *client,
                                                   WebSettings settings, const std::filesystem::path &root) {
   auto impl = std::make_unique<Impl>();
   impl->io = std::make_unique<asio::io_context>(1);
   if (settings.tls) {
      impl->tls = std::make_unique<asio::ssl::context>(asio::ssl::context::tls_server);
      impl->tls->set_options(asio::ssl::context::default_workarounds | asio::ssl::context::no_sslv2 |
                             asio::ssl::context::no_sslv3 | asio::ssl::context::no_tlsv1 |
                             asio::ssl::context::no_tlsv1_1 | asio::ssl::context::single_dh_use);
      beast::error_code ec;
      impl->tls->use_certificate_chain_file(settings.tls->certificate, ec);
      if (ec) {
         return portier::error(PORTIER_ERR_CONFIG, "settings.tls.certificate: cannot load '" +
                                                       settings.tls->certificate + "': " + ec.message());
      }
      impl->tls->use_private_key_file(settings.tls->key, asio::ssl::context::pem, ec);
      if (ec) {
         return portier::error(PORTIER_ERR_CONFIG,
                               "settings.tls.key: cannot load '" + settings.tls->key + "': " + ec.message());
      }
   }

   beast::error_code ec;
   const auto address = asio::ip::make_address(settings.listen_host, ec);
   if (ec) return portier::error(PORTIER_ERR_CONFIG, "settings.listen: bad address: " + ec.message());
   const tcp::endpoint endpoint(address, settings.listen_port);
   impl->acceptor = std::make_unique<Acceptor>(*impl->io);
   const std::string where = describe_listen(settings, settings.listen_port);
   impl->acceptor->open(endpoint.protocol(), ec);
   if (!ec) impl->acceptor->set_option(asio::socket_base::reuse_address(true), ec);
   if (!ec) impl->acceptor->bind(endpoint, ec);
   if (!ec) impl->acceptor->listen(asio::socket_base::max_listen_connections, ec);
   if (ec) return portier::error(PORTIER_ERR_UNAVAILABLE, "cannot listen on " + where + ": " + ec.message());
   impl->port = impl->acceptor->local_endpoint(ec).port();

   impl->ctx = std::make_unique<ServerContext>(host, std::move(settings), root, client);
   impl->ctx->tls = impl->tls.get();
   return std::unique_ptr<WebServer>(new WebServer(std::move(impl)));
}

void WebServer::run() {
   Impl &i = *impl_;
   if (i.thread.joinable() || !i.acceptor) return;
   asio::co_spawn(*i.io, restore_then_accept(*i.ctx, *i.acceptor), asio::detached);
   asio::co_spawn(*i.io, expiry_loop(*i.ctx, SteadyTimer(i.io->get_executor())), asio::detached);
   i.thread = std::thread([io = i.io.get()] { io->run(); });
}

void WebServer::stop() {
   Impl &i = *impl_;
   if (!i.io) return;
   if (i.thread.joinable() && i.acceptor) {
      // On the I/O thread, which stops itself when the consoles have gone.
      asio::co_spawn(*i.io, going_away(*i.ctx, *i.acceptor, *i.io), asio::detached);
      i.thread.join();
   }
   i.io->stop();
   if (i.thread.joinable()) i.thread.join();
   i.acceptor.reset();
   i.io.reset();  // ends every connection (the sockets close) and frees the sessions
}

void WebServer::deliver(std::uint64_t request_id, std::string_view json) {
   Impl &i = *impl_;
   if (!i.io) return;
   asio::post(*i.io, [ctx = i.ctx.get(), request_id, text = std::string(json)]() mutable {
      ctx->metrics.observe(request_id, text);  // /metrics counts what came, before it is handed on
      ctx->hub.deliver(request_id, std::move(text));
   });
}

std::uint16_t WebServer::port() const { return impl_->port; }

}  // namespace portier::web
