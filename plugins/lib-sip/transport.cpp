// SPDX-License-Identifier: GPL-3.0-or-later
// Transport: the UDP loop, the listeners, and one StreamConnection per TCP or TLS connection
// (Boost.Beast's session pattern: the connection owns its socket and keeps itself alive through
// the handlers it has pending). Handlers hold the transport weakly, so closing or destroying it
// while operations are pending is safe.
#include "transport.h"

#include <utility>  // before Asio with GCC 12 (toolchain.md)

#include <sys/socket.h>
#include <sys/uio.h>

#include <algorithm>
#include <array>
#include <cstring>
#include <deque>
#include <map>
#include <optional>
#include <tuple>
#include <vector>

#include <boost/asio.hpp>
#include <boost/asio/ssl.hpp>

#include "stream_framing.h"
#include "unparseable_request.h"

namespace portier::sip {

namespace asio = boost::asio;
namespace ssl = boost::asio::ssl;
using tcp = asio::ip::tcp;
using udp = asio::ip::udp;
using boost::system::error_code;

namespace {

// The part of a stream connection the transport sees; StreamConnection<Stream> fills it in.
struct Connection : std::enable_shared_from_this<Connection> {
   virtual ~Connection() = default;
   virtual void start_inbound() = 0;
   virtual void start_outbound(tcp::endpoint remote) = 0;
   virtual void write(std::string bytes, SendFailure on_failure) = 0;
   virtual void close() = 0;

   std::uint64_t id = 0;
   Peer peer;
   std::string local_address;
   std::uint16_t local_port = 0;
};

using PeerKey = std::tuple<int, std::string, std::uint16_t>;

PeerKey key_of(const Peer &peer) { return {static_cast<int>(peer.transport), peer.address, peer.port}; }

// 18.2.2: a request that came as a datagram is answered as one, whatever transport its Via
// names (RFC 4475's bext01 says TLS), so rport and received apply.
Via answer_via(Via via, const Peer &source) {
   if (!is_reliable(source.transport)) via.transport = std::string(transport_name(TransportKind::udp));
   return via;
}

bool only_line_breaks(std::string_view bytes) { return bytes.find_first_not_of("\r\n \t") == std::string_view::npos; }

}  // namespace

struct Transport::Impl : std::enable_shared_from_this<Transport::Impl> {
   Impl(asio::io_context &context, TransportSettings s) : io(context), settings(std::move(s)) {}

   asio::io_context &io;
   TransportSettings settings;
   std::optional<udp::socket> udp_socket;
   udp::endpoint udp_sender;
   std::vector<char> datagram = std::vector<char>(kMaxMessageSize + 1);
   std::optional<tcp::acceptor> tcp_acceptor;
   std::optional<tcp::acceptor> tls_acceptor;
   std::optional<ssl::context> server_tls;
   std::optional<ssl::context> client_tls;
   std::map<std::uint64_t, std::shared_ptr<Connection>> connections;
   std::map<PeerKey, std::uint64_t> by_peer;
   std::uint64_t next_id = 1;
   ReceiveHandler receive;
   ProblemHandler problem;

   void report(std::string_view what, const Peer &peer) {
      if (problem) problem(what, peer);
   }

   // Returns false when the bytes are not a SIP message (the caller closes a stream then). A
   // request answered loosely keeps its stream: the framer cut it by a valid Content-Length.
   bool deliver(std::string_view bytes, const Source &source, bool stream) {
      ParseResult parsed = parse_message(bytes, ParseOptions{.stream = stream, .rfc2543 = settings.accept_rfc2543});
      if (!parsed.message) {
         std::optional<LooseAnswer> answer;
         if (settings.answer_malformed) answer = answer_unparseable(bytes, parsed.error);
         if (!answer) {
            report("malformed message dropped: " + parsed.error, source.peer);
            return false;
         }
         report("malformed request answered " + std::to_string(answer->status) + ": " + parsed.error, source.peer);
         Peer to = response_destination(answer_via(answer->via, source.peer), source.peer);
         send_to(to, std::move(answer->bytes), source.connection, {});
         return true;
      }
      if (parsed.message->is_request()) parsed.message->stamp_received(source.peer.address, source.peer.port);
      if (receive) receive(std::move(*parsed.message), source);
      return true;
   }

   void forget(std::uint64_t id) {
      auto found = connections.find(id);
      if (found == connections.end()) return;
      auto by = by_peer.find(key_of(found->second->peer));
      if (by != by_peer.end() && by->second == id) by_peer.erase(by);
      connections.erase(found);
   }

   void send_to(const Peer &to, std::string bytes, std::uint64_t connection, SendFailure on_failure);
   void receive_datagrams();
   void read_ready_datagrams();
   void accept(TransportKind kind);
   std::shared_ptr<Connection> make_connection(TransportKind kind, tcp::socket socket);
   ssl::context &client_context();
};

namespace {

template <typename Stream>
class StreamConnection final : public Connection {
public:
   static constexpr bool kTls = !std::is_same_v<Stream, tcp::socket>;

   StreamConnection(std::weak_ptr<Transport::Impl> owner, Stream stream)
       : owner_(std::move(owner)), stream_(std::move(stream)) {}

   void start_inbound() override {
      if constexpr (kTls) {
         auto self = shared_from_this();
         stream_.async_handshake(ssl::stream_base::server, [this, self](const error_code &ec) {
            if (ec) return fail("TLS handshake failed: " + ec.message());
            become_ready();
         });
      } else {
         become_ready();
      }
   }

   void start_outbound(tcp::endpoint remote) override {
      auto self = shared_from_this();
      lowest().async_connect(remote, [this, self](const error_code &ec) {
         if (ec) return fail("connect failed: " + ec.message());
         note_local_end();
         if constexpr (kTls) {
            stream_.async_handshake(ssl::stream_base::client, [this, self](const error_code &hs) {
               if (hs) return fail("TLS handshake failed: " + hs.message());
               become_ready();
            });
         } else {
            become_ready();
         }
      });
   }

   void write(std::string bytes, SendFailure on_failure) override {
      if (closed_) {
         if (on_failure) on_failure("connection closed");
         return;
      }
      outbox_.emplace_back(std::move(bytes), std::move(on_failure));
      if (ready_ && !writing_) write_next();
   }

   void close() override {
      if (closed_) return;
      closed_ = true;
      error_code ignored;
      lowest().close(ignored);
      std::deque<std::pair<std::string, SendFailure>> unsent;
      unsent.swap(outbox_);
      for (auto &[bytes, on_failure] : unsent)
         if (on_failure) on_failure("connection closed before the message was sent");
      if (auto owner = owner_.lock()) owner->forget(id);
   }

   void note_local_end() {
      error_code ec;
      tcp::endpoint local = lowest().local_endpoint(ec);
      if (!ec) {
         local_address = local.address().to_string();
         local_port = local.port();
      }
   }

   void prepare_verification(bool verify, const std::string &host) {
      if constexpr (kTls) {
         if (verify) {
            stream_.set_verify_mode(ssl::verify_peer);
            stream_.set_verify_callback(ssl::host_name_verification(host));
         } else {
            stream_.set_verify_mode(ssl::verify_none);
         }
      } else {
         (void)verify;
         (void)host;
      }
   }

private:
   auto &lowest() {
      if constexpr (kTls) return stream_.lowest_layer();
      else return stream_;
   }

   void fail(const std::string &why) {
      if (closed_) return;
      if (auto owner = owner_.lock()) owner->report(why, peer);
      close();
   }

   void become_ready() {
      ready_ = true;
      read_next();
      if (!outbox_.empty() && !writing_) write_next();
   }

   void read_next() {
      auto self = shared_from_this();
      stream_.async_read_some(asio::buffer(buffer_), [this, self](const error_code &ec, std::size_t n) {
         if (ec) {
            if (closed_) return;
            // A peer closing is normal; anything else is worth a line in the log.
            if (ec != asio::error::eof && ec != asio::error::operation_aborted && ec != ssl::error::stream_truncated)
               if (auto owner = owner_.lock()) owner->report("connection lost: " + ec.message(), peer);
            return close();
         }
         framer_.append(std::string_view(buffer_.data(), n));
         for (int guard = 0; guard < 1024 && !closed_; ++guard) {
            Frame frame = framer_.next();
            if (frame.kind == Frame::Kind::need_more) break;
            auto owner = owner_.lock();
            if (!owner) return close();
            if (frame.kind == Frame::Kind::malformed) {
               owner->report("stream closed: " + frame.error, peer);
               return close();
            }
            Source source{peer, local_address, local_port, id};
            if (!owner->deliver(frame.bytes, source, true)) return close();
         }
         if (!closed_) read_next();
      });
   }

   void write_next() {
      writing_ = true;
      auto self = shared_from_this();
      asio::async_write(stream_, asio::buffer(outbox_.front().first), [this, self](const error_code &ec, std::size_t) {
         writing_ = false;
         if (closed_) return;
         if (ec) {
            SendFailure on_failure = std::move(outbox_.front().second);
            outbox_.pop_front();
            if (on_failure) on_failure("write failed: " + ec.message());
            return fail("write failed: " + ec.message());
         }
         outbox_.pop_front();
         if (!outbox_.empty()) write_next();
      });
   }

   std::weak_ptr<Transport::Impl> owner_;
   Stream stream_;
   StreamFramer framer_;
   std::array<char, 16384> buffer_{};
   std::deque<std::pair<std::string, SendFailure>> outbox_;
   bool ready_ = false;
   bool writing_ = false;
   bool closed_ = false;
};

using TcpConnection = StreamConnection<tcp::socket>;
using TlsConnection = StreamConnection<ssl::stream<tcp::socket>>;

}  // namespace

std::shared_ptr<Connection> Transport::Impl::make_connection(TransportKind kind, tcp::socket socket) {
   std::shared_ptr<Connection> connection;
   if (kind == TransportKind::tls) {
      ssl::context &context = server_tls ? *server_tls : client_context();
      connection = std::make_shared<TlsConnection>(weak_from_this(),
                                                   ssl::stream<tcp::socket>(std::move(socket), context));
   } else {
      connection = std::make_shared<TcpConnection>(weak_from_this(), std::move(socket));
   }
   connection->id = next_id++;
   connections[connection->id] = connection;
   return connection;
}

ssl::context &Transport::Impl::client_context() {
   if (!client_tls) {
      client_tls.emplace(ssl::context::tls_client);
      error_code ec;
      if (!settings.tls_ca_file.empty()) client_tls->load_verify_file(settings.tls_ca_file, ec);
      else client_tls->set_default_verify_paths(ec);
      if (ec) report("TLS trust store not loaded: " + ec.message(), Peer{TransportKind::tls, settings.address, 0});
   }
   return *client_tls;
}

void Transport::Impl::receive_datagrams() {
   // Wait for readability, then read with recvmsg: Asio's receive_from cannot hand over the
   // kernel's receive timestamp (Source::received_ns).
   std::weak_ptr<Impl> weak = weak_from_this();
   udp_socket->async_wait(udp::socket::wait_read, [weak](const error_code &ec) {
      auto self = weak.lock();
      if (!self || !self->udp_socket || !self->udp_socket->is_open()) return;
      if (ec == asio::error::operation_aborted) return;
      if (!ec) self->read_ready_datagrams();
      if (self->udp_socket && self->udp_socket->is_open()) self->receive_datagrams();
   });
}

void Transport::Impl::read_ready_datagrams() {
   // A bounded batch per wake-up, so timers and posted work get their turn under load.
   constexpr int kDatagramsPerWake = 64;
   for (int i = 0; i < kDatagramsPerWake && udp_socket && udp_socket->is_open(); ++i) {
      sockaddr_storage from{};
      iovec iov{datagram.data(), datagram.size()};
      alignas(cmsghdr) char control[CMSG_SPACE(sizeof(timespec))];
      msghdr msg{};
      msg.msg_name = &from;
      msg.msg_namelen = sizeof from;
      msg.msg_iov = &iov;
      msg.msg_iovlen = 1;
      msg.msg_control = control;
      msg.msg_controllen = sizeof control;
      const ssize_t got = ::recvmsg(udp_socket->native_handle(), &msg, MSG_DONTWAIT);
      if (got < 0) return;  // EAGAIN: drained; other errors: the next wake-up tries again
      const auto n = static_cast<std::size_t>(got);
      std::int64_t stamp = 0;
      for (cmsghdr *c = CMSG_FIRSTHDR(&msg); c != nullptr; c = CMSG_NXTHDR(&msg, c)) {
         if (c->cmsg_level == SOL_SOCKET && c->cmsg_type == SCM_TIMESTAMPNS) {
            timespec ts{};
            std::memcpy(&ts, CMSG_DATA(c), sizeof ts);
            stamp = static_cast<std::int64_t>(ts.tv_sec) * 1'000'000'000 + ts.tv_nsec;
         }
      }
      udp::endpoint sender;
      if (msg.msg_namelen > sender.capacity()) continue;
      std::memcpy(sender.data(), &from, msg.msg_namelen);
      sender.resize(msg.msg_namelen);
      Peer peer{TransportKind::udp, sender.address().to_string(), sender.port()};
      std::string_view bytes(datagram.data(), std::min(n, datagram.size()));
      if ((msg.msg_flags & MSG_TRUNC) != 0 || n > kMaxMessageSize) {
         report("datagram over " + std::to_string(kMaxMessageSize) + " bytes dropped", peer);
      } else if (!only_line_breaks(bytes)) {
         Source source{peer, settings.address, udp_socket->local_endpoint().port(), 0, stamp};
         deliver(bytes, source, false);
      }
   }
}

void Transport::Impl::accept(TransportKind kind) {
   std::weak_ptr<Impl> weak = weak_from_this();
   tcp::acceptor &acceptor = kind == TransportKind::tls ? *tls_acceptor : *tcp_acceptor;
   acceptor.async_accept([weak, kind](const error_code &ec, tcp::socket socket) {
      auto self = weak.lock();
      if (!self || ec == asio::error::operation_aborted) return;
      std::optional<tcp::acceptor> &acceptor = kind == TransportKind::tls ? self->tls_acceptor : self->tcp_acceptor;
      if (!acceptor || !acceptor->is_open()) return;
      if (!ec) {
         error_code remote_ec;
         tcp::endpoint remote = socket.remote_endpoint(remote_ec);
         Peer peer{kind, remote_ec ? std::string() : remote.address().to_string(), remote_ec ? std::uint16_t{0} : remote.port()};
         if (self->connections.size() >= self->settings.max_connections) {
            self->report("connection refused: " + std::to_string(self->settings.max_connections) + " connections open",
                         peer);
            error_code ignored;
            socket.close(ignored);
         } else {
            auto connection = self->make_connection(kind, std::move(socket));
            connection->peer = peer;
            self->by_peer[key_of(peer)] = connection->id;
            if (kind == TransportKind::tls) static_cast<TlsConnection &>(*connection).note_local_end();
            else static_cast<TcpConnection &>(*connection).note_local_end();
            connection->start_inbound();
         }
      }
      self->accept(kind);
   });
}

Transport::Transport(asio::io_context &io, TransportSettings settings)
    : impl_(std::make_shared<Impl>(io, std::move(settings))) {}

Transport::~Transport() { close(); }

std::string Transport::open() {
   Impl &im = *impl_;
   error_code ec;
   asio::ip::address address = asio::ip::make_address(im.settings.address, ec);
   if (ec) return "listen address '" + im.settings.address + "' is not a numeric IP address";
   if (im.settings.udp) {
      im.udp_socket.emplace(im.io);
      udp::endpoint at(address, im.settings.udp_port);
      im.udp_socket->open(at.protocol(), ec);
      if (!ec) im.udp_socket->bind(at, ec);
      if (!ec) {
         // The kernel stamps each datagram on arrival: Source::received_ns (best effort).
         const int on = 1;
         (void)::setsockopt(im.udp_socket->native_handle(), SOL_SOCKET, SO_TIMESTAMPNS, &on, sizeof on);
         const int buffer = im.settings.udp_receive_buffer;
         if (buffer > 0) (void)::setsockopt(im.udp_socket->native_handle(), SOL_SOCKET, SO_RCVBUF, &buffer, sizeof buffer);
      }
      if (ec) {
         im.udp_socket.reset();
         return "UDP bind on " + im.settings.address + ":" + std::to_string(im.settings.udp_port) + ": " + ec.message();
      }
      im.receive_datagrams();
   }
   auto listen = [&](std::optional<tcp::acceptor> &acceptor, std::uint16_t port, TransportKind kind) -> std::string {
      acceptor.emplace(im.io);
      tcp::endpoint at(address, port);
      acceptor->open(at.protocol(), ec);
      if (!ec) acceptor->set_option(asio::socket_base::reuse_address(true), ec);
      if (!ec) acceptor->bind(at, ec);
      if (!ec) acceptor->listen(asio::socket_base::max_listen_connections, ec);
      if (ec) {
         acceptor.reset();
         return std::string(transport_name(kind)) + " listen on " + im.settings.address + ":" + std::to_string(port) +
                ": " + ec.message();
      }
      im.accept(kind);
      return {};
   };
   if (im.settings.tcp) {
      if (std::string error = listen(im.tcp_acceptor, im.settings.tcp_port, TransportKind::tcp); !error.empty())
         return error;
   }
   if (im.settings.tls) {
      im.server_tls.emplace(ssl::context::tls_server);
      im.server_tls->use_certificate_chain_file(im.settings.tls_certificate, ec);
      if (ec) return "TLS certificate '" + im.settings.tls_certificate + "': " + ec.message();
      im.server_tls->use_private_key_file(im.settings.tls_private_key, ssl::context::pem, ec);
      if (ec) return "TLS private key '" + im.settings.tls_private_key + "': " + ec.message();
      if (std::string error = listen(im.tls_acceptor, im.settings.tls_port, TransportKind::tls); !error.empty())
         return error;
   }
   return {};
}

void Transport::close() {
   Impl &im = *impl_;
   error_code ignored;
   if (im.udp_socket) im.udp_socket->close(ignored);
   if (im.tcp_acceptor) im.tcp_acceptor->close(ignored);
   if (im.tls_acceptor) im.tls_acceptor->close(ignored);
   std::vector<std::shared_ptr<Connection>> open;
   for (auto &[id, connection] : im.connections) open.push_back(connection);
   for (auto &connection : open) connection->close();
   im.connections.clear();
   im.by_peer.clear();
}

void Transport::on_receive(ReceiveHandler handler) { impl_->receive = std::move(handler); }

void Transport::on_problem(ProblemHandler handler) { impl_->problem = std::move(handler); }

std::uint16_t Transport::local_port(TransportKind kind) const {
   error_code ec;
   switch (kind) {
   case TransportKind::udp:
      if (impl_->udp_socket && impl_->udp_socket->is_open()) return impl_->udp_socket->local_endpoint(ec).port();
      break;
   case TransportKind::tcp:
      if (impl_->tcp_acceptor && impl_->tcp_acceptor->is_open()) return impl_->tcp_acceptor->local_endpoint(ec).port();
      break;
   case TransportKind::tls:
      if (impl_->tls_acceptor && impl_->tls_acceptor->is_open()) return impl_->tls_acceptor->local_endpoint(ec).port();
      break;
   }
   return 0;
}

const std::string &Transport::local_address() const { return impl_->settings.address; }

std::size_t Transport::connection_count() const { return impl_->connections.size(); }

void Transport::send(const Peer &to, std::string bytes, std::uint64_t connection, SendFailure on_failure) {
   impl_->send_to(to, std::move(bytes), connection, std::move(on_failure));
}

void Transport::Impl::send_to(const Peer &to, std::string bytes, std::uint64_t connection, SendFailure on_failure) {
   Impl &im = *this;
   // Failures are reported from the io_context, never from inside send(), so callers need not
   // expect re-entry.
   auto fail_later = [&](std::string why) {
      if (on_failure) asio::post(im.io, [on_failure = std::move(on_failure), why = std::move(why)] { on_failure(why); });
   };
   if (connection != 0) {
      auto found = im.connections.find(connection);
      if (found != im.connections.end()) return found->second->write(std::move(bytes), std::move(on_failure));
   }
   error_code ec;
   asio::ip::address address = asio::ip::make_address(to.address, ec);
   if (ec || to.port == 0) return fail_later("destination '" + to.address + ":" + std::to_string(to.port) + "' is not a numeric address and port");
   if (to.transport == TransportKind::udp) {
      if (!im.udp_socket || !im.udp_socket->is_open()) return fail_later("UDP is not open");
      auto shared = std::make_shared<std::string>(std::move(bytes));
      im.udp_socket->async_send_to(asio::buffer(*shared), udp::endpoint(address, to.port),
                                   [shared, on_failure = std::move(on_failure)](const error_code &sent, std::size_t) {
                                      if (sent && sent != asio::error::operation_aborted && on_failure)
                                         on_failure("UDP send failed: " + sent.message());
                                   });
      return;
   }
   auto existing = im.by_peer.find(key_of(to));
   if (existing != im.by_peer.end()) {
      auto found = im.connections.find(existing->second);
      if (found != im.connections.end()) return found->second->write(std::move(bytes), std::move(on_failure));
   }
   if (im.connections.size() >= im.settings.max_connections)
      return fail_later(std::to_string(im.settings.max_connections) + " connections open, no new one to " + to.address);
   auto created = im.make_connection(to.transport, tcp::socket(im.io));
   created->peer = to;
   im.by_peer[key_of(to)] = created->id;
   if (to.transport == TransportKind::tls)
      static_cast<TlsConnection &>(*created).prepare_verification(im.settings.tls_verify_peer, to.address);
   created->write(std::move(bytes), std::move(on_failure));
   created->start_outbound(tcp::endpoint(address, to.port));
}

void Transport::send_response(const Message &response, const Source &request_source, SendFailure on_failure) {
   std::optional<Via> via = response.top_via();
   if (!via) {
      if (on_failure) asio::post(impl_->io, [on_failure] { on_failure("response has no Via"); });
      return;
   }
   Peer to = response_destination(answer_via(*via, request_source.peer), request_source.peer);
   send(to, response.serialize(), request_source.connection, std::move(on_failure));
}

}  // namespace portier::sip
