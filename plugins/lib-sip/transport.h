// SPDX-License-Identifier: GPL-3.0-or-later
// SIP transport on Boost.Asio (RFC 3261 section 18): one UDP socket, a TCP listener and a TLS
// listener, and outbound stream connections opened on demand. Everything runs on the caller's
// io_context, on one thread. A received message reaches one handler with where it came from;
// a malformed request is answered 400 where it can be (else dropped), a stream whose framing
// breaks closes that connection only.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include "message.h"
#include "response_route.h"

namespace boost::asio {
class io_context;
}

namespace portier::sip {

struct TransportSettings {
   std::string address = "127.0.0.1";  // numeric, the one address we listen on
   bool udp = true;
   std::uint16_t udp_port = 0;  // 0: chosen by the system, read it back with local_port()
   bool tcp = false;
   std::uint16_t tcp_port = 0;
   bool tls = false;
   std::uint16_t tls_port = 0;
   std::string tls_certificate;  // PEM chain file; needed to listen for TLS
   std::string tls_private_key;  // PEM file
   std::string tls_ca_file;      // trusted roots for verifying peers; empty: system default
   bool tls_verify_peer = true;  // outbound TLS checks the server's certificate and name
   std::size_t max_connections = 1024;
   // SO_RCVBUF of the UDP socket. The default 208 KiB holds a few milliseconds of a busy trunk,
   // so under load datagrams (ACKs too) were dropped before a request ever looked late; the
   // kernel caps the value at net.core.rmem_max (4 MiB on Debian 12).
   int udp_receive_buffer = 4 * 1024 * 1024;
   // A request that does not parse is answered (400, 416, 501 or 505) when its top Via can
   // still be read loosely (unparseable_request.h); else, and with this off, it is only dropped.
   bool answer_malformed = true;
   bool accept_rfc2543 = true;  // ParseOptions::rfc2543: no Via branch, no Max-Forwards
};

struct Source {
   Peer peer;                    // the remote side
   std::string local_address;
   std::uint16_t local_port = 0;
   std::uint64_t connection = 0;  // stream connection id, 0 for UDP
   // When the kernel took a datagram in (SO_TIMESTAMPNS, CLOCK_REALTIME ns); 0 when unknown
   // (streams). Its age when handled tells how far behind the reading thread is.
   std::int64_t received_ns = 0;
};

using ReceiveHandler = std::function<void(Message message, const Source &source)>;
// Something went wrong with input or a connection; for logs. Never called for normal closes.
using ProblemHandler = std::function<void(std::string_view what, const Peer &peer)>;
// A send could not be completed (connect refused, TLS handshake failed, connection lost).
using SendFailure = std::function<void(std::string_view why)>;

class Transport {
public:
   Transport(boost::asio::io_context &io, TransportSettings settings);
   ~Transport();
   Transport(const Transport &) = delete;
   Transport &operator=(const Transport &) = delete;

   // Binds and listens; empty on success, else what failed ("TCP listen on 127.0.0.1:5061: ...").
   std::string open();
   void close();  // closes sockets and connections; pending handlers are not called afterwards

   void on_receive(ReceiveHandler handler);
   void on_problem(ProblemHandler handler);

   std::uint16_t local_port(TransportKind kind) const;  // 0 when that transport is not open
   const std::string &local_address() const;

   // Sends over `connection` if it is still open, else to `to` (opening a stream when needed).
   void send(const Peer &to, std::string bytes, std::uint64_t connection = 0, SendFailure on_failure = {});
   // RFC 3261 18.2.2: over the request's connection while it lives, else per response_destination.
   void send_response(const Message &response, const Source &request_source, SendFailure on_failure = {});

   std::size_t connection_count() const;

   struct Impl;

private:
   std::shared_ptr<Impl> impl_;
};

}  // namespace portier::sip
