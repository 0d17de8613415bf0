// SPDX-License-Identifier: GPL-3.0-or-later
#include "ws_byte_stream.h"

#include <optional>

#include <boost/asio/ssl.hpp>
#include <boost/beast/core/basic_stream.hpp>
#include <boost/beast/core/stream_traits.hpp>
#include <boost/beast/ssl/ssl_stream.hpp>
#include <boost/beast/websocket/teardown.hpp>

namespace portier::http {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
using TcpStream = beast::basic_stream<asio::ip::tcp, WsByteStream::executor_type>;
using TlsStream = beast::ssl_stream<TcpStream>;

}  // namespace

struct WsTlsTrust::Context {
   asio::ssl::context ssl{asio::ssl::context::tls_client};
};

WsTlsTrust::WsTlsTrust() = default;
WsTlsTrust::~WsTlsTrust() = default;

std::string WsTlsTrust::load(const std::string &ca_file, bool verify) {
   auto ctx = std::make_unique<Context>();
   beast::error_code ec;
   if (verify) {
      ctx->ssl.set_verify_mode(asio::ssl::verify_peer, ec);
      if (!ec) {
         if (ca_file.empty()) {
            ctx->ssl.set_default_verify_paths(ec);
         } else {
            ctx->ssl.load_verify_file(ca_file, ec);
         }
      }
      if (ec) return "TLS trust (" + (ca_file.empty() ? std::string("system CAs") : ca_file) + "): " + ec.message();
   } else {
      ctx->ssl.set_verify_mode(asio::ssl::verify_none, ec);
   }
   context_ = std::move(ctx);
   verify_ = verify;
   return {};
}

struct WsByteStream::Layers {
   explicit Layers(asio::io_context &ioc) : tcp(std::in_place, ioc) {}

   TcpStream &lowest() { return tls ? beast::get_lowest_layer(*tls) : *tcp; }

   std::optional<TcpStream> tcp;  // until start_tls() moves it into `tls`
   std::optional<TlsStream> tls;
};

WsByteStream::WsByteStream(asio::io_context &ioc)
    : executor_(ioc.get_executor()), layers_(std::make_unique<Layers>(ioc)) {}

WsByteStream::~WsByteStream() = default;

void WsByteStream::start_connect(const asio::ip::tcp::resolver::results_type &endpoints, WsIoDone done) {
   layers_->lowest().async_connect(endpoints, [d = std::move(done)](beast::error_code ec, const auto &) mutable {
      d(ec, 0);
   });
}

void WsByteStream::start_tls(WsTlsTrust &trust, const std::string &host, WsIoDone done) {
   Layers &l = *layers_;
   l.tls.emplace(std::move(*l.tcp), trust.context_->ssl);
   l.tcp.reset();
   SSL_set_tlsext_host_name(l.tls->native_handle(), host.c_str());
   if (trust.verifies()) l.tls->set_verify_callback(asio::ssl::host_name_verification(host));
   l.tls->async_handshake(asio::ssl::stream_base::client,
                          [d = std::move(done)](beast::error_code ec) mutable { d(ec, 0); });
}

void WsByteStream::expires_at(std::chrono::steady_clock::time_point until) { layers_->lowest().expires_at(until); }

void WsByteStream::expires_never() { layers_->lowest().expires_never(); }

void WsByteStream::close_socket() noexcept {
   beast::error_code ignored;
   layers_->lowest().socket().close(ignored);
}

void WsByteStream::start_read(std::vector<asio::mutable_buffer> buffers, WsIoDone done) {
   if (layers_->tls) {
      layers_->tls->async_read_some(buffers, std::move(done));
   } else {
      layers_->tcp->async_read_some(buffers, std::move(done));
   }
}

void WsByteStream::start_write(std::vector<asio::const_buffer> buffers, WsIoDone done) {
   if (layers_->tls) {
      layers_->tls->async_write_some(buffers, std::move(done));
   } else {
      layers_->tcp->async_write_some(buffers, std::move(done));
   }
}

void WsByteStream::start_teardown(beast::role_type role, WsIoDone done) {
   auto finish = [d = std::move(done)](beast::error_code ec) mutable { d(ec, 0); };
   using beast::websocket::async_teardown;
   if (layers_->tls) {
      async_teardown(role, *layers_->tls, std::move(finish));
   } else {
      async_teardown(role, layers_->tcp->socket(), std::move(finish));
   }
}

void WsByteStream::teardown(beast::role_type role, beast::error_code &ec) {
   using beast::websocket::teardown;
   if (layers_->tls) {
      teardown(role, *layers_->tls, ec);
   } else {
      teardown(role, layers_->tcp->socket(), ec);
   }
}

void teardown(beast::role_type role, WsByteStream &stream, beast::error_code &ec) { stream.teardown(role, ec); }

void beast_close_socket(WsByteStream &stream) { stream.close_socket(); }

}  // namespace portier::http
