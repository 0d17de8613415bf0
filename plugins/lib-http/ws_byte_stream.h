// SPDX-License-Identifier: GPL-3.0-or-later
// The bytes under lib-http's WebSocket client: one TCP connection, plain or TLS (chosen at run
// time), behind one type. Beast's WebSocket templates are then compiled once, for this type,
// instead of once per stream type (each instance cost about a minute at -O2 and more under the
// sanitizers), and the TLS templates once here, for one handler type. The price is one small heap
// object per read or write (the handler behind a virtual call), nothing next to a system call.
// client.web's WireStream does the same for its coroutines; this one serves the client's
// callbacks, and also dials, tunnels and shakes hands so that websocket_client.cpp needs no TLS.
// Used by websocket_client.cpp and by client.web's test probe (ws_probe); plugins use
// WebSocketClient. [the owner's thread, the one running the io_context]
#pragma once

#include <utility>  // before asio: Boost 1.74 misses it under C++20

#include <chrono>
#include <cstddef>
#include <memory>
#include <string>
#include <vector>

#include <boost/asio/async_result.hpp>
#include <boost/asio/buffer.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core/error.hpp>
#include <boost/beast/core/role.hpp>

namespace portier::http {

// A completion handler of void(error_code, std::size_t), its type erased. Called at most once;
// calling an empty or spent one is a bug.
class WsIoDone {
public:
   WsIoDone() = default;
   template <class Handler>
   explicit WsIoDone(Handler handler) : impl_(std::make_unique<Held<Handler>>(std::move(handler))) {}

   void operator()(boost::beast::error_code ec, std::size_t bytes) {
      std::unique_ptr<Base> impl = std::move(impl_);
      impl->call(ec, bytes);
   }

private:
   struct Base {
      virtual ~Base() = default;
      virtual void call(boost::beast::error_code ec, std::size_t bytes) = 0;
   };
   template <class Handler>
   struct Held final : Base {
      explicit Held(Handler h) : handler(std::move(h)) {}
      void call(boost::beast::error_code ec, std::size_t bytes) override { std::move(handler)(ec, bytes); }
      Handler handler;
   };
   std::unique_ptr<Base> impl_;
};

// What a client trusts on TLS, loaded once and shared by its connections (an OpenSSL context).
class WsTlsTrust {
public:
   WsTlsTrust();
   ~WsTlsTrust();
   WsTlsTrust(const WsTlsTrust &) = delete;
   WsTlsTrust &operator=(const WsTlsTrust &) = delete;

   // Trusts the PEM bundle `ca_file` ("" = the system's CAs), or anything when `verify` is false.
   // Returns "" or what failed, naming the file. [owner thread]
   std::string load(const std::string &ca_file, bool verify);
   bool verifies() const noexcept { return verify_; }

private:
   friend class WsByteStream;
   struct Context;
   std::unique_ptr<Context> context_;
   bool verify_ = true;
};

// An AsyncReadStream and AsyncWriteStream for Beast. It starts as an unconnected TCP stream;
// start_tls() turns it into TLS. Its lowest layer is itself (no next_layer). Every start_* calls
// `done` once, from the io_context, with 0 bytes. [owner thread]
class WsByteStream {
public:
   using executor_type = boost::asio::io_context::executor_type;

   explicit WsByteStream(boost::asio::io_context &ioc);
   ~WsByteStream();
   WsByteStream(const WsByteStream &) = delete;
   WsByteStream &operator=(const WsByteStream &) = delete;

   executor_type get_executor() noexcept { return executor_; }

   // Connects the TCP socket to the first of `endpoints` that answers.
   void start_connect(const boost::asio::ip::tcp::resolver::results_type &endpoints, WsIoDone done);
   // Wraps the connected (or tunnelled) stream in TLS and runs the client handshake for `host`:
   // SNI, and the host name checked when `trust` verifies. `trust` must outlive this stream.
   void start_tls(WsTlsTrust &trust, const std::string &host, WsIoDone done);

   // Every operation that follows fails with a timeout after `until` (Beast's basic_stream rule);
   // expires_never() ends that once the WebSocket stream keeps its own time.
   void expires_at(std::chrono::steady_clock::time_point until);
   void expires_never();
   // Closes the TCP socket at once; pending operations end with operation_aborted. Never throws.
   void close_socket() noexcept;

   template <class MutableBuffers, class Token>
   auto async_read_some(const MutableBuffers &buffers, Token &&token) {
      return boost::asio::async_initiate<Token, void(boost::beast::error_code, std::size_t)>(
          [this](auto handler, const MutableBuffers &b) {
             start_read(listed<boost::asio::mutable_buffer>(b), WsIoDone(std::move(handler)));
          },
          token, buffers);
   }

   template <class ConstBuffers, class Token>
   auto async_write_some(const ConstBuffers &buffers, Token &&token) {
      return boost::asio::async_initiate<Token, void(boost::beast::error_code, std::size_t)>(
          [this](auto handler, const ConstBuffers &b) {
             start_write(listed<boost::asio::const_buffer>(b), WsIoDone(std::move(handler)));
          },
          token, buffers);
   }

   // The WebSocket closing handshake's last step (TLS close_notify, then the TCP shutdown).
   void start_teardown(boost::beast::role_type role, WsIoDone done);
   void teardown(boost::beast::role_type role, boost::beast::error_code &ec);

private:
   template <class Buffer, class Buffers>
   static std::vector<Buffer> listed(const Buffers &buffers) {
      std::vector<Buffer> out;
      for (auto it = boost::asio::buffer_sequence_begin(buffers); it != boost::asio::buffer_sequence_end(buffers);
           ++it) {
         out.push_back(Buffer(*it));
      }
      return out;
   }

   void start_read(std::vector<boost::asio::mutable_buffer> buffers, WsIoDone done);
   void start_write(std::vector<boost::asio::const_buffer> buffers, WsIoDone done);

   struct Layers;  // the TCP stream, and the TLS stream over it once start_tls() ran
   executor_type executor_;
   std::unique_ptr<Layers> layers_;
};

// Found by Beast's WebSocket stream through argument-dependent lookup.
void teardown(boost::beast::role_type role, WsByteStream &stream, boost::beast::error_code &ec);
void beast_close_socket(WsByteStream &stream);

template <class Handler>
void async_teardown(boost::beast::role_type role, WsByteStream &stream, Handler &&handler) {
   stream.start_teardown(role, WsIoDone([h = std::forward<Handler>(handler)](boost::beast::error_code ec,
                                                                             std::size_t) mutable { std::move(h)(ec); }));
}

}  // namespace portier::http
