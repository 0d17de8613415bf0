// SPDX-License-Identifier: GPL-3.0-or-later
// A small user agent on trunk.sip's SIP core, the counterpart of SIPp in the loopback tests.
//   peer uas udp|tcp SECONDS        prints its port, then answers: INVITE -> 180, 200 with SDP
//                                   (a Request-URI user "ring" only rings), BYE/OPTIONS -> 200
//   peer uac udp|tcp PORT           INVITE to 127.0.0.1:PORT, ACK the 2xx, BYE; exit 0 when the
//                                   BYE gets 200
#include <utility>

#include <boost/asio.hpp>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <map>
#include <string>

#include "answer_retransmission.h"
#include "dialog.h"
#include "message_build.h"
#include "transaction_layer.h"
#include "transport.h"

using namespace portier::sip;
namespace asio = boost::asio;

namespace {

const std::string kSdp =
   "v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\nm=audio 40000 RTP/AVP 0\r\n"
   "a=rtpmap:0 PCMU/8000\r\n";

int run_uas(TransportKind kind, int seconds) {
   asio::io_context io;
   TransportSettings settings;
   settings.udp = kind == TransportKind::udp;
   settings.tcp = kind == TransportKind::tcp;
   Transport transport(io, settings);
   if (std::string error = transport.open(); !error.empty()) {
      std::cerr << "peer: " << error << "\n";
      return 2;
   }
   transport.on_problem([](std::string_view what, const Peer &peer) {
      std::cerr << "peer: " << what << " from " << peer.address << ":" << peer.port << "\n";
   });
   TransactionLayer layer(io, transport);
   AnswerRetransmission resender(io, transport, layer.timers());
   std::map<std::string, Dialog> dialogs;
   layer.on_ack([&](const Message &ack, const Source &) { resender.acknowledge(ack); });
   layer.on_request([&](const std::string &key, const Message &request, const Source &source) {
      std::string method = request.method();
      if (method == "INVITE") {
         std::string tag = new_tag();
         layer.respond(key, build_response(request, 180, tag));
         if (request.request_uri().find("sip:ring@") == 0) return;  // rings until cancelled
         Message ok = build_response(request, 200, tag);
         std::string port = std::to_string(transport.local_port(kind));
         ok.set_contact("<sip:peer@127.0.0.1:" + port + ";transport=" + std::string(transport_name(kind)) + ">");
         ok.set_body(kSdp, "application/sdp");
         Dialog dialog = dialog_as_uas(request, tag);
         dialogs[dialog.id.text()] = dialog;
         resender.start(ok, source, [] { std::cerr << "peer: no ACK for a 2xx\n"; });
         layer.respond(key, std::move(ok));
      } else if (method == "BYE") {
         auto found = dialogs.find(dialog_id_of_request(request).text());
         layer.respond(key, build_response(request, found == dialogs.end() ? 481 : 200));
         if (found != dialogs.end()) dialogs.erase(found);
      } else {
         layer.respond(key, build_response(request, method == "OPTIONS" ? 200 : 405));
      }
   });
   std::cout << transport.local_port(kind) << std::endl;
   io.run_for(std::chrono::seconds(seconds));
   return 0;
}

int run_uac(TransportKind kind, std::uint16_t port) {
   asio::io_context io;
   TransportSettings settings;
   settings.udp = kind == TransportKind::udp;
   settings.tcp = kind == TransportKind::tcp;
   Transport transport(io, settings);
   if (std::string error = transport.open(); !error.empty()) {
      std::cerr << "peer: " << error << "\n";
      return 2;
   }
   TransactionLayer layer(io, transport);
   std::uint16_t own = transport.local_port(kind);
   Peer target{kind, "127.0.0.1", port};
   RequestParts parts;
   parts.method = "INVITE";
   parts.request_uri = "sip:service@127.0.0.1:" + std::to_string(port);
   parts.from = "<sip:trunk@127.0.0.1>;tag=" + new_tag();
   parts.to = "<sip:service@127.0.0.1>";
   parts.call_id = new_call_id("127.0.0.1");
   parts.via = via_value(transport_name(kind), "127.0.0.1", own, new_branch());
   parts.contact = "<sip:trunk@127.0.0.1:" + std::to_string(own) + ">";
   parts.body = kSdp;
   parts.content_type = "application/sdp";
   Message invite = std::move(*build_request(parts).message);
   Message invite_copy = invite.clone();
   int result = 1;
   bool ringing = false, done = false;
   std::optional<Dialog> dialog;
   layer.send_request(std::move(invite), target, [&](const ClientReply &reply) {
      if (!reply.response) {
         std::cerr << "peer: INVITE failed: " << reply.failure << "\n";
         done = true;
         return;
      }
      int status = reply.response->status();
      if (status == 180) ringing = true;
      if (status < 200) return;
      if (status >= 300) {
         std::cerr << "peer: INVITE answered " << status << "\n";
         done = true;
         return;
      }
      dialog = dialog_as_uac(invite_copy, *reply.response);
      if (!dialog) {
         done = true;
         return;
      }
      InDialogParts ack_parts{via_value(transport_name(kind), "127.0.0.1", own, new_branch()), {}, {}, {}, {}};
      layer.send_ack(*build_ack_for_success(*dialog, dialog->local_cseq, ack_parts).message, target);
      InDialogParts bye_parts{via_value(transport_name(kind), "127.0.0.1", own, new_branch()), {}, {}, {}, {}};
      layer.send_request(std::move(*build_in_dialog(*dialog, "BYE", bye_parts).message), target,
                         [&](const ClientReply &bye) {
                            if (bye.response && bye.response->status() < 200) return;
                            result = bye.response && bye.response->status() == 200 && ringing ? 0 : 1;
                            if (!bye.response) std::cerr << "peer: BYE failed: " << bye.failure << "\n";
                            done = true;
                         });
   });
   auto until = std::chrono::steady_clock::now() + std::chrono::seconds(20);
   while (!done && std::chrono::steady_clock::now() < until) io.run_for(std::chrono::milliseconds(20));
   io.run_for(std::chrono::milliseconds(600));  // outlive the peer's closing pause: SIPp fails a call whose TCP peer leaves early
   return result;
}

}  // namespace

int main(int argc, char **argv) {
   if (argc != 4) {
      std::cerr << "usage: peer uas udp|tcp SECONDS | peer uac udp|tcp PORT\n";
      return 2;
   }
   std::string mode = argv[1];
   TransportKind kind = transport_from_name(argv[2]).value_or(TransportKind::udp);
   int number = std::atoi(argv[3]);
   if (mode == "uas") return run_uas(kind, number);
   if (mode == "uac") return run_uac(kind, static_cast<std::uint16_t>(number));
   return 2;
}
