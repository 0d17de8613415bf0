// SPDX-License-Identifier: GPL-3.0-or-later
#include <utility>

#include <boost/asio.hpp>
#include <catch2/catch.hpp>

#include "answer_retransmission.h"
#include "dialog.h"

using namespace portier::sip;
using namespace std::chrono_literals;

namespace {

const std::string kDialogInvite =
   "INVITE sip:100@127.0.0.1:5090 SIP/2.0\r\n"
   "Via: SIP/2.0/UDP 127.0.0.1:5070;branch=z9hG4bK776asdhds\r\n"
   "Max-Forwards: 70\r\n"
   "To: Bob <sip:100@127.0.0.1>\r\n"
   "From: Alice <sip:alice@127.0.0.1>;tag=1928301774\r\n"
   "Call-ID: a84b4c76e66710@pc33\r\n"
   "CSeq: 314159 INVITE\r\n"
   "Contact: <sip:alice@127.0.0.1:5070>\r\n"
   "Record-Route: <sip:p1.example.com;lr>\r\n"
   "Record-Route: <sip:p2.example.com;lr>\r\n"
   "Content-Length: 0\r\n\r\n";

Message invite() { return std::move(*parse_message(kDialogInvite).message); }

}  // namespace

TEST_CASE("a UAS dialog takes the route set in order and the caller's Contact as target") {
   Dialog d = dialog_as_uas(invite(), "uas1");
   CHECK(d.id == DialogId{"a84b4c76e66710@pc33", "uas1", "1928301774"});
   CHECK(d.route_set == std::vector<std::string>{"<sip:p1.example.com;lr>", "<sip:p2.example.com;lr>"});
   CHECK(d.remote_target == "sip:alice@127.0.0.1:5070");
   CHECK(d.remote_cseq == 314159u);
   CHECK(d.local_party.find("tag") == std::string::npos);
}

TEST_CASE("a UAC dialog reverses the Record-Route of the response") {
   Message request = invite();
   Message ok = build_response(request, 200, "bob7");
   ok.add_header("Record-Route", "<sip:p1.example.com;lr>");
   ok.add_header("Record-Route", "<sip:p2.example.com;lr>");
   ok.set_contact("<sip:bob@192.0.2.9:5062>");
   std::optional<Dialog> d = dialog_as_uac(request, ok);
   REQUIRE(d);
   CHECK(d->id == DialogId{"a84b4c76e66710@pc33", "1928301774", "bob7"});
   CHECK(d->route_set == std::vector<std::string>{"<sip:p2.example.com;lr>", "<sip:p1.example.com;lr>"});
   CHECK(d->remote_target == "sip:bob@192.0.2.9:5062");
   CHECK(d->local_cseq == 314159u);
   CHECK_FALSE(dialog_as_uac(request, build_response(request, 180)));
}

TEST_CASE("a BYE in a dialog goes to the remote target with tags, routes and the next CSeq") {
   Dialog d = dialog_as_uas(invite(), "uas1");
   d.local_cseq = 10;
   BuildResult bye = build_in_dialog(d, "BYE", {via_value("UDP", "127.0.0.1", 5090, new_branch()), {}, {}, {}, {}});
   REQUIRE(bye.message);
   Message &m = *bye.message;
   CHECK(m.request_uri() == "sip:alice@127.0.0.1:5070");
   CHECK(m.from_tag() == "uas1");
   CHECK(m.to_tag() == "1928301774");
   CHECK(m.cseq()->number == 11);
   CHECK(d.local_cseq == 11);
   CHECK(m.header_values("Route") == std::vector<std::string>{"<sip:p1.example.com;lr>", "<sip:p2.example.com;lr>"});
   CHECK(dialog_id_of_request(m) == DialogId{d.id.call_id, d.id.remote_tag, d.id.local_tag});
}

TEST_CASE("the ACK of a 2xx keeps the INVITE's CSeq number and has its own branch") {
   Message request = invite();
   Message ok = build_response(request, 200, "bob7");
   ok.set_contact("<sip:bob@192.0.2.9:5062>");
   Dialog d = *dialog_as_uac(request, ok);
   BuildResult ack = build_ack_for_success(d, 314159, {via_value("UDP", "127.0.0.1", 5070, new_branch()), {}, {}, {}, {}});
   REQUIRE(ack.message);
   CHECK(ack.message->method() == "ACK");
   CHECK(ack.message->cseq()->number == 314159);
   CHECK(ack.message->cseq()->method == "ACK");
   CHECK(ack.message->top_via()->branch != "z9hG4bK776asdhds");
   CHECK(ack.message->request_uri() == "sip:bob@192.0.2.9:5062");
   CHECK(d.local_cseq == 314159u);
}

TEST_CASE("an in-dialog request with an old CSeq is out of order") {
   Dialog d = dialog_as_uas(invite(), "uas1");
   Message request = invite();
   CHECK_FALSE(accept_remote_cseq(d, request));
   request.set_cseq(314160, "INVITE");
   CHECK(accept_remote_cseq(d, request));
   CHECK(d.remote_cseq == 314160u);
}

TEST_CASE("a target refresh moves the remote target") {
   Dialog d = dialog_as_uas(invite(), "uas1");
   Message reinvite = invite();
   reinvite.set_contact("<sip:alice@127.0.0.99:5070>");
   refresh_target(d, reinvite);
   CHECK(d.remote_target == "sip:alice@127.0.0.99:5070");
}

TEST_CASE("a 2xx is resent by the UAS core until its ACK arrives, and given up after 64 T1") {
   boost::asio::io_context io;
   Transport transport(io, TransportSettings{});
   REQUIRE(transport.open().empty());
   boost::asio::ip::udp::socket peer(io, {boost::asio::ip::make_address("127.0.0.1"), 0});
   TimerSettings fast{10ms, 40ms, 50ms, 30ms};
   AnswerRetransmission resender(io, transport, fast);
   std::string with_rport = kDialogInvite;
   with_rport.replace(with_rport.find("776asdhds"), 9, "776asdhds;rport");
   Message request = std::move(*parse_message(with_rport).message);
   request.stamp_received("127.0.0.1", peer.local_endpoint().port());
   Message ok = build_response(request, 200, "uas1");
   Source source{Peer{TransportKind::udp, "127.0.0.1", peer.local_endpoint().port()}, "127.0.0.1", 0, 0};
   int no_ack = 0;
   resender.start(ok, source, [&] { ++no_ack; });
   CHECK(resender.pending() == 1);
   // resent at T1, 3 T1, 7 T1...: wait (bounded) for three copies
   std::size_t datagrams = 0;
   std::array<char, 4096> buffer;
   auto until = std::chrono::steady_clock::now() + 2s;
   while (datagrams < 3 && std::chrono::steady_clock::now() < until) {
      io.run_for(5ms);
      while (peer.available() > 0 && datagrams < 100) {
         peer.receive(boost::asio::buffer(buffer));
         ++datagrams;
      }
   }
   CHECK(datagrams >= 3);
   Message ack = std::move(*build_ack_for_success(dialog_as_uas(request, "uas1"), 314159,
                                                  {via_value("UDP", "127.0.0.1", 5070, new_branch()), {}, {}, {}, {}})
                                .message);
   // the ACK travels from the caller: its From tag is the caller's, its To tag ours
   RequestParts parts{"ACK", "sip:100@127.0.0.1", request.from(), "<sip:100@127.0.0.1>;tag=uas1", request.call_id(), 314159,
                      via_value("UDP", "127.0.0.1", 5070, new_branch()), {}, {}, {}, {}, {}, 70};
   CHECK(resender.acknowledge(*build_request(parts).message));
   CHECK(resender.pending() == 0);
   CHECK_FALSE(resender.acknowledge(ack));

   resender.start(ok, source, [&] { ++no_ack; });
   io.restart();
   io.run_for(900ms);
   CHECK(no_ack == 1);
   CHECK(resender.pending() == 0);
}
