// SPDX-License-Identifier: GPL-3.0-or-later
// One connection's bytes, plain TCP or TLS, behind one type. Beast's HTTP and WebSocket templates
// are then compiled once, for this type, instead of once per stream: each instance of them cost
// about 40 s of code generation at -O2 and twice that under ASan. The price is one small heap
// object per read or write (the handler behind a virtual call), nothing next to a system call.
#pragma once

#include <utility>  // before asio: Boost 1.74 misses it under C++20

#include <chrono>
#include <cstddef>
#include <memory>
#include <vector>

#include <boost/asio/async_result.hpp>
#include <boost/asio/buffer.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/beast/core/basic_stream.hpp>
#include <boost/beast/core/error.hpp>
#include <boost/beast/core/role.hpp>
#include <boost/beast/ssl/ssl_stream.hpp>

namespace portier::web {

namespace asio = boost::asio;
namespace beast = boost::beast;
using tcp = asio::ip::tcp;
// The io_context's own executor everywhere instead of the type-erased default: GCC names each
// coroutine frame after its full types, and with any_io_executor those names ran to hundreds of
// megabytes of debug strings.
using Executor = asio::io_context::executor_type;
using Socket = asio::basic_stream_socket<tcp, Executor>;
using PlainStream = beast::basic_stream<tcp, Executor>;
using TlsStream = beast::ssl_stream<PlainStream>;

// A completion handler of void(error_code, std::size_t), its type erased. Called at most once.
class IoDone {
public:
   IoDone() = default;
   template <class Handler>
   explicit IoDone(Handler handler) : impl_(std::make_unique<Held<Handler>>(std::move(handler))) {}

   void operator()(beast::error_code ec, std::size_t bytes) {
      std::unique_ptr<Base> impl = std::move(impl_);
      impl->call(ec, bytes);
   }

private:
   struct Base {
      virtual ~Base() = default;
      virtual void call(beast::error_code ec, std::size_t bytes) = 0;
   };
   template <class Handler>
   struct Held final : Base {
      explicit Held(Handler h) : handler(std::move(h)) {}
      void call(beast::error_code ec, std::size_t bytes) override { std::move(handler)(ec, bytes); }
      Handler handler;
   };
   std::unique_ptr<Base> impl_;
};

// An AsyncReadStream and AsyncWriteStream for Beast, over a plain or a TLS stream. Its lowest
// layer is itself (no next_layer), so get_lowest_layer(...).expires_after() reaches the timer of
// the TCP stream underneath. [I/O thread]
class WireStream {
public:
   using executor_type = Executor;

   explicit WireStream(PlainStream stream);
   explicit WireStream(TlsStream stream);
   WireStream(WireStream &&) noexcept;
   WireStream &operator=(WireStream &&) noexcept;
   ~WireStream();

   executor_type get_executor() noexcept;
   bool secure() const noexcept { return tls_ != nullptr; }
   // The TCP socket underneath (shutdown, the peer's address).
   Socket &socket();
   // The TCP stream's timeout for the operations that follow (Beast's basic_stream rule).
   void expires_after(std::chrono::steady_clock::duration d);
   void expires_never();

   template <class MutableBuffers, class Token>
   auto async_read_some(const MutableBuffers &buffers, Token &&token) {
      return asio::async_initiate<Token, void(beast::error_code, std::size_t)>(
          [this](auto handler, const MutableBuffers &b) {
             start_read(listed<asio::mutable_buffer>(b), IoDone(std::move(handler)));
          },
          token, buffers);
   }

   template <class ConstBuffers, class Token>
   auto async_write_some(const ConstBuffers &buffers, Token &&token) {
      return asio::async_initiate<Token, void(beast::error_code, std::size_t)>(
          [this](auto handler, const ConstBuffers &b) {
             start_write(listed<asio::const_buffer>(b), IoDone(std::move(handler)));
          },
          token, buffers);
   }

   // The WebSocket closing handshake's last step (TLS close_notify, then the TCP shutdown);
   // `done` gets 0 bytes.
   void start_teardown(beast::role_type role, IoDone done);
   void teardown(beast::role_type role, beast::error_code &ec);

private:
   template <class Buffer, class Buffers>
   static std::vector<Buffer> listed(const Buffers &buffers) {
      std::vector<Buffer> out;
      for (auto it = asio::buffer_sequence_begin(buffers); it != asio::buffer_sequence_end(buffers); ++it) {
         out.push_back(Buffer(*it));
      }
      return out;
   }

   void start_read(std::vector<asio::mutable_buffer> buffers, IoDone done);
   void start_write(std::vector<asio::const_buffer> buffers, IoDone done);

   std::unique_ptr<PlainStream> plain_;  // exactly one of the two is set
   std::unique_ptr<TlsStream> tls_;
};

// Found by Beast's WebSocket stream through argument-dependent lookup.
void teardown(beast::role_type role, WireStream &stream, beast::error_code &ec);
// Closes the TCP socket at once (a WebSocket's timeout).
void beast_close_socket(WireStream &stream);

template <class Handler>
void async_teardown(beast::role_type role, WireStream &stream, Handler &&handler) {
   stream.start_teardown(role, IoDone([h = std::forward<Handler>(handler)](beast::error_code ec, std::size_t) mutable {
                            std::move(h)(ec);
                         }));
}

}  // namespace portier::web
