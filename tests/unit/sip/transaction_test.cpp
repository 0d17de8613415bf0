// SPDX-License-Identifier: GPL-3.0-or-later
// Transactions on 127.0.0.1 with a small T1, against a raw UDP socket playing the other side.
#include <utility>

#include <boost/asio.hpp>
#include <catch2/catch.hpp>

#include <chrono>
#include <functional>
#include <vector>

#include "run_until.h"
#include "message_build.h"
#include "transaction_layer.h"

using namespace portier::sip;
namespace asio = boost::asio;
using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;

namespace {

const TimerSettings kFast{10ms, 40ms, 50ms, 30ms};

struct Seen {
   Message message;
   Clock::time_point at;
};

// The far end: a bare UDP socket that records what it receives.
class RawPeer {
public:
   explicit RawPeer(asio::io_context &io) : socket_(io, asio::ip::udp::endpoint(asio::ip::make_address("127.0.0.1"), 0)) {
      receive();
   }
   std::uint16_t port() const { return socket_.local_endpoint().port(); }
   void send(const std::string &bytes, std::uint16_t to) {
      socket_.send_to(asio::buffer(bytes), asio::ip::udp::endpoint(asio::ip::make_address("127.0.0.1"), to));
   }
   std::vector<Seen> seen;

private:
   void receive() {
      socket_.async_receive_from(asio::buffer(buffer_), sender_, [this](const boost::system::error_code &ec, std::size_t n) {
         if (ec) return;
         ParseResult parsed = parse_message(std::string_view(buffer_.data(), n));
         if (parsed.message) seen.push_back({std::move(*parsed.message), Clock::now()});
         receive();
      });
   }
   asio::ip::udp::socket socket_;
   asio::ip::udp::endpoint sender_;
   std::array<char, 65536> buffer_{};
};

void run_for(asio::io_context &io, std::chrono::milliseconds how_long) {
   io.restart();
   io.run_for(how_long);
}

using sip_test::run_until;

Message request(const std::string &method, std::uint16_t via_port, std::string branch = new_branch()) {
   RequestParts parts;
   parts.method = method;
   parts.request_uri = "sip:100@127.0.0.1";
   parts.from = "<sip:caller@127.0.0.1>;tag=f1";
   parts.to = "<sip:100@127.0.0.1>";
   parts.call_id = "call-" + branch;
   parts.via = via_value("UDP", "127.0.0.1", via_port, branch);
   return std::move(*build_request(parts).message);
}

std::size_t count_status(const std::vector<Seen> &seen, int status) {
   std::size_t n = 0;
   for (const Seen &s : seen) n += s.message.status() == status;
   return n;
}

std::size_t count_method(const std::vector<Seen> &seen, const std::string &method) {
   std::size_t n = 0;
   for (const Seen &s : seen) n += s.message.method() == method;
   return n;
}

struct Stack {
   explicit Stack(asio::io_context &io, std::size_t max = 64) : transport(io, TransportSettings{}), layer(init(io, transport), transport, kFast, max) {}
   static asio::io_context &init(asio::io_context &io, Transport &t) {
      REQUIRE(t.open().empty());
      return io;
   }
   std::uint16_t port() const { return transport.local_port(TransportKind::udp); }
   Transport transport;
   TransactionLayer layer;
};

}  // namespace

TEST_CASE("an unanswered INVITE is retransmitted at T1, 2T1, 4T1... and times out after 64 T1") {
   asio::io_context io;
   Stack stack(io);
   RawPeer peer(io);
   std::vector<ClientReply> replies;
   std::string failure;
   const auto start = Clock::now();
   stack.layer.send_request(request("INVITE", stack.port()), Peer{TransportKind::udp, "127.0.0.1", peer.port()},
                            [&](const ClientReply &r) { failure = r.failure; });
   run_until(io, [&] { return !failure.empty(); });
   CHECK(failure == "timeout");
   // sent at 0, 1, 3, 7, 15, 31 and 63 T1; the last may race timer B
   CHECK(peer.seen.size() >= 6);
   CHECK(peer.seen.size() <= 7);
   // Timers never fire early, so retransmission i leaves no sooner than (2^i - 1) T1 after the
   // request (less 1 ms of clock granularity), and arrives later still. Measured from the start,
   // not from the previous arrival: a loaded machine may read one arrival late, which shortened
   // the next gap and failed this check (seen 2026-11-30 in a full parallel run).
   auto due = std::chrono::milliseconds(0), interval = std::chrono::duration_cast<std::chrono::milliseconds>(kFast.t1);
   for (std::size_t i = 1; i < peer.seen.size(); ++i, interval *= 2) {
      due += interval;
      CHECK(std::chrono::duration_cast<std::chrono::milliseconds>(peer.seen[i].at - start) >= due - 1ms);
   }
   CHECK(stack.layer.size() == 0);
}

TEST_CASE("a non-INVITE retransmission interval doubles up to T2 and stays there") {
   asio::io_context io;
   Stack stack(io);
   RawPeer peer(io);
   std::string failure;
   stack.layer.send_request(request("OPTIONS", stack.port()), Peer{TransportKind::udp, "127.0.0.1", peer.port()},
                            [&](const ClientReply &r) { failure = r.failure; });
   run_until(io, [&] { return !failure.empty(); });
   CHECK(failure == "timeout");
   REQUIRE(peer.seen.size() >= 10);
   for (std::size_t i = 4; i < peer.seen.size(); ++i) {
      auto gap = std::chrono::duration_cast<std::chrono::milliseconds>(peer.seen[i].at - peer.seen[i - 1].at);
      CHECK(gap >= 35ms);
      CHECK(gap <= 100ms);  // T2 is 40 ms; the rest is room for a loaded machine
   }
}

TEST_CASE("a failure response to an INVITE is acknowledged by the transaction, also when retransmitted") {
   asio::io_context io;
   Stack stack(io);
   RawPeer peer(io);
   int finals = 0;
   Message invite = request("INVITE", stack.port());
   std::string branch = invite.top_via()->branch;
   stack.layer.send_request(std::move(invite), Peer{TransportKind::udp, "127.0.0.1", peer.port()},
                            [&](const ClientReply &r) { finals += r.response && r.response->status() == 486; });
   run_until(io, [&] { return !peer.seen.empty(); });
   REQUIRE(!peer.seen.empty());
   std::string busy = build_response(peer.seen[0].message, 486, "u1").serialize();
   peer.send(busy, stack.port());
   run_until(io, [&] { return count_method(peer.seen, "ACK") == 1; });
   peer.send(busy, stack.port());
   run_until(io, [&] { return count_method(peer.seen, "ACK") == 2; });
   CHECK(finals == 1);
   REQUIRE(count_method(peer.seen, "ACK") == 2);
   for (const Seen &s : peer.seen) {
      if (s.message.method() != "ACK") continue;
      CHECK(s.message.top_via()->branch == branch);
      CHECK(s.message.to_tag() == "u1");
   }
   std::size_t invites = count_method(peer.seen, "INVITE");
   run_for(io, 100ms);
   CHECK(count_method(peer.seen, "INVITE") == invites);  // no more retransmissions
}

TEST_CASE("a provisional response stops INVITE retransmissions and the 2xx ends the transaction") {
   asio::io_context io;
   Stack stack(io);
   RawPeer peer(io);
   std::vector<int> statuses;
   stack.layer.send_request(request("INVITE", stack.port()), Peer{TransportKind::udp, "127.0.0.1", peer.port()},
                            [&](const ClientReply &r) { statuses.push_back(r.response ? r.response->status() : -1); });
   run_until(io, [&] { return !peer.seen.empty(); });
   peer.send(build_response(peer.seen[0].message, 180, "u2").serialize(), stack.port());
   run_until(io, [&] { return statuses.size() == 1; });
   std::size_t sent = peer.seen.size();
   run_for(io, 100ms);
   CHECK(peer.seen.size() == sent);
   peer.send(build_response(peer.seen[0].message, 200, "u2").serialize(), stack.port());
   run_until(io, [&] { return statuses.size() == 2; });
   CHECK(statuses == std::vector<int>{180, 200});
   CHECK(stack.layer.size() == 0);
   CHECK(count_method(peer.seen, "ACK") == 0);  // the 2xx ACK belongs to the dialog
}

TEST_CASE("a retransmitted 2xx without a transaction goes to the stray response handler") {
   asio::io_context io;
   Stack stack(io);
   RawPeer peer(io);
   int strays = 0;
   stack.layer.on_stray_response([&](const Message &m, const Source &) { strays += m.status() == 200; });
   peer.send(build_response(request("INVITE", stack.port()), 200, "x").serialize(), stack.port());
   run_until(io, [&] { return strays == 1; });
   CHECK(strays == 1);
}

TEST_CASE("an INVITE the TU leaves unanswered gets 100 Trying, and its retransmission the same") {
   asio::io_context io;
   Stack stack(io);
   RawPeer peer(io);
   int offered = 0;
   stack.layer.on_request([&](const std::string &, const Message &, const Source &) { ++offered; });
   std::string invite = request("INVITE", peer.port()).serialize();
   peer.send(invite, stack.port());
   run_until(io, [&] { return count_status(peer.seen, 100) == 1; });
   CHECK(count_status(peer.seen, 100) == 1);
   CHECK(peer.seen[0].message.to_tag().empty());
   peer.send(invite, stack.port());
   run_until(io, [&] { return count_status(peer.seen, 100) == 2; });
   CHECK(count_status(peer.seen, 100) == 2);
   CHECK(offered == 1);
}

TEST_CASE("a failure response from a server INVITE is retransmitted until the ACK arrives") {
   asio::io_context io;
   Stack stack(io);
   RawPeer peer(io);
   std::string key;
   stack.layer.on_request([&](const std::string &k, const Message &, const Source &) { key = k; });
   Message invite = request("INVITE", peer.port());
   peer.send(invite.serialize(), stack.port());
   run_until(io, [&] { return !key.empty(); });
   REQUIRE(stack.layer.respond(key, build_response(*stack.layer.request_of(key), 486, "s1")));
   CHECK_FALSE(stack.layer.respond(key, build_response(*stack.layer.request_of(key), 500, "s1")));
   run_until(io, [&] { return count_status(peer.seen, 486) >= 3; });
   CHECK(count_status(peer.seen, 486) >= 3);  // G: 0, T1, 3 T1
   Message ack = build_ack_for_failure(invite, peer.seen.back().message);
   peer.send(ack.serialize(), stack.port());
   run_for(io, 30ms);
   std::size_t after_ack = count_status(peer.seen, 486);
   run_for(io, 150ms);
   CHECK(count_status(peer.seen, 486) == after_ack);
   run_until(io, [&] { return stack.layer.size() == 0; });
   CHECK(stack.layer.size() == 0);  // timer I
}

TEST_CASE("a CANCEL gets 200 and its ringing INVITE 487, and the TU hears of it") {
   asio::io_context io;
   Stack stack(io);
   RawPeer peer(io);
   std::string key, cancelled;
   stack.layer.on_request([&](const std::string &k, const Message &m, const Source &) {
      if (m.method() == "INVITE") key = k;
   });
   stack.layer.on_cancel([&](const std::string &k, const Message &) { cancelled = k; });
   Message invite = request("INVITE", peer.port());
   peer.send(invite.serialize(), stack.port());
   run_until(io, [&] { return !key.empty(); });
   stack.layer.respond(key, build_response(invite, 180, "r1"));
   peer.send(build_cancel(invite).serialize(), stack.port());
   run_until(io, [&] { return count_status(peer.seen, 487) == 1 && count_status(peer.seen, 200) == 1; });
   CHECK(cancelled == key);
   for (const Seen &s : peer.seen) {
      if (s.message.status() == 200) CHECK(s.message.cseq()->method == "CANCEL");
      if (s.message.status() == 487) CHECK(s.message.to_tag() == "r1");
   }
}

TEST_CASE("a CANCEL that matches no INVITE gets 481") {
   asio::io_context io;
   Stack stack(io);
   RawPeer peer(io);
   peer.send(build_cancel(request("INVITE", peer.port())).serialize(), stack.port());
   run_until(io, [&] { return count_status(peer.seen, 481) == 1; });
   CHECK(count_status(peer.seen, 481) == 1);
}

TEST_CASE("a retransmitted non-INVITE request is answered with the last response, the TU sees it once") {
   asio::io_context io;
   Stack stack(io);
   RawPeer peer(io);
   int offered = 0;
   stack.layer.on_request([&](const std::string &k, const Message &m, const Source &) {
      ++offered;
      stack.layer.respond(k, build_response(m, 200, "o1"));
   });
   std::string options = request("OPTIONS", peer.port()).serialize();
   peer.send(options, stack.port());
   run_until(io, [&] { return count_status(peer.seen, 200) == 1; });
   peer.send(options, stack.port());
   run_until(io, [&] { return count_status(peer.seen, 200) == 2; });
   CHECK(offered == 1);
   CHECK(count_status(peer.seen, 200) == 2);
}

TEST_CASE("an RFC 2543 request without the magic cookie is matched by its fields") {
   asio::io_context io;
   Stack stack(io);
   RawPeer peer(io);
   int offered = 0;
   stack.layer.on_request([&](const std::string &k, const Message &m, const Source &) {
      ++offered;
      stack.layer.respond(k, build_response(m, 200, "o2"));
   });
   std::string old = request("OPTIONS", peer.port(), "oldstyle1").serialize();
   peer.send(old, stack.port());
   peer.send(old, stack.port());
   run_until(io, [&] { return count_status(peer.seen, 200) == 2; });
   CHECK(offered == 1);
}

TEST_CASE("a request beyond the transaction table's bound gets 503 with Retry-After") {
   asio::io_context io;
   Stack stack(io, 2);
   RawPeer peer(io);
   int offered = 0;
   stack.layer.on_request([&](const std::string &, const Message &, const Source &) { ++offered; });
   for (int i = 0; i < 3; ++i) peer.send(request("OPTIONS", peer.port()).serialize(), stack.port());
   run_until(io, [&] { return count_status(peer.seen, 503) == 1; });
   CHECK(offered == 2);
   REQUIRE(count_status(peer.seen, 503) == 1);
   for (const Seen &s : peer.seen)
      if (s.message.status() == 503) CHECK(s.message.header("Retry-After"));
}

TEST_CASE("an ACK for a 2xx has no transaction and reaches the ACK handler") {
   asio::io_context io;
   Stack stack(io);
   RawPeer peer(io);
   int acks = 0;
   stack.layer.on_ack([&](const Message &, const Source &) { ++acks; });
   peer.send(request("ACK", peer.port()).serialize(), stack.port());
   run_until(io, [&] { return acks == 1; });
   CHECK(acks == 1);
}
