// SPDX-License-Identifier: GPL-3.0-or-later
#include "wire_stream.h"

#include <boost/beast/websocket/teardown.hpp>

namespace portier::web {

WireStream::WireStream(PlainStream stream) : plain_(std::make_unique<PlainStream>(std::move(stream))) {}
WireStream::WireStream(TlsStream stream) : tls_(std::make_unique<TlsStream>(std::move(stream))) {}
WireStream::WireStream(WireStream &&) noexcept = default;
WireStream &WireStream::operator=(WireStream &&) noexcept = default;
WireStream::~WireStream() = default;

WireStream::executor_type WireStream::get_executor() noexcept {
   return tls_ ? tls_->get_executor() : plain_->get_executor();
}

Socket &WireStream::socket() { return tls_ ? beast::get_lowest_layer(*tls_).socket() : plain_->socket(); }

void WireStream::expires_after(std::chrono::steady_clock::duration d) {
   if (tls_) {
      beast::get_lowest_layer(*tls_).expires_after(d);
   } else {
      plain_->expires_after(d);
   }
}

void WireStream::expires_never() {
   if (tls_) {
      beast::get_lowest_layer(*tls_).expires_never();
   } else {
      plain_->expires_never();
   }
}

void WireStream::start_read(std::vector<asio::mutable_buffer> buffers, IoDone done) {
   if (tls_) {
      tls_->async_read_some(buffers, std::move(done));
   } else {
      plain_->async_read_some(buffers, std::move(done));
   }
}

void WireStream::start_write(std::vector<asio::const_buffer> buffers, IoDone done) {
   if (tls_) {
      tls_->async_write_some(buffers, std::move(done));
   } else {
      plain_->async_write_some(buffers, std::move(done));
   }
}

void WireStream::start_teardown(beast::role_type role, IoDone done) {
   auto finish = [d = std::move(done)](beast::error_code ec) mutable { d(ec, 0); };
   using beast::websocket::async_teardown;
   if (tls_) {
      async_teardown(role, *tls_, std::move(finish));
   } else {
      async_teardown(role, *plain_, std::move(finish));
   }
}

void WireStream::teardown(beast::role_type role, beast::error_code &ec) {
   using beast::websocket::teardown;
   if (tls_) {
      teardown(role, *tls_, ec);
   } else {
      teardown(role, *plain_, ec);
   }
}

void teardown(beast::role_type role, WireStream &stream, beast::error_code &ec) { stream.teardown(role, ec); }

void beast_close_socket(WireStream &stream) {
   beast::error_code ignored;
   stream.socket().close(ignored);
}

}  // namespace portier::web
