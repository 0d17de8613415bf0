// SPDX-License-Identifier: GPL-3.0-or-later
#include <catch2/catch.hpp>

#include "response_route.h"
#include "stream_framing.h"

using namespace portier::sip;

namespace {
const std::string kOptions =
   "OPTIONS sip:a@b SIP/2.0\r\nVia: SIP/2.0/TCP h:1;branch=z9hG4bK1\r\nFrom: <sip:x@y>;tag=1\r\nTo: <sip:a@b>\r\n"
   "Call-ID: c1\r\nCSeq: 1 OPTIONS\r\nMax-Forwards: 70\r\nContent-Length: 5\r\n\r\nhello";
}

TEST_CASE("two messages arriving in one read are cut apart by Content-Length") {
   StreamFramer framer;
   framer.append(kOptions + kOptions);
   Frame first = framer.next();
   REQUIRE(first.kind == Frame::Kind::message);
   CHECK(first.bytes == kOptions);
   CHECK(framer.next().bytes == kOptions);
   CHECK(framer.next().kind == Frame::Kind::need_more);
}

TEST_CASE("a message split over many reads is delivered once complete") {
   StreamFramer framer;
   for (std::size_t i = 0; i + 1 < kOptions.size(); ++i) {
      framer.append(kOptions.substr(i, 1));
      REQUIRE(framer.next().kind == Frame::Kind::need_more);
   }
   framer.append(kOptions.substr(kOptions.size() - 1));
   CHECK(framer.next().bytes == kOptions);
}

TEST_CASE("CRLF keep-alives between messages are skipped") {
   StreamFramer framer;
   framer.append("\r\n\r\n");
   CHECK(framer.next().kind == Frame::Kind::need_more);
   CHECK(framer.buffered() == 0);
   framer.append("\r\n" + kOptions);
   CHECK(framer.next().bytes == kOptions);
}

TEST_CASE("a stream message without Content-Length makes the stream malformed") {
   StreamFramer framer;
   framer.append("OPTIONS sip:a@b SIP/2.0\r\nVia: x\r\n\r\n");
   Frame frame = framer.next();
   CHECK(frame.kind == Frame::Kind::malformed);
   CHECK(frame.error.find("Content-Length") != std::string::npos);
}

TEST_CASE("headers that never end within the limit make the stream malformed") {
   StreamFramer framer(256);
   framer.append(std::string(300, 'a'));
   CHECK(framer.next().kind == Frame::Kind::malformed);
}

TEST_CASE("a Content-Length beyond the limit makes the stream malformed at once") {
   StreamFramer framer(1024);
   framer.append("OPTIONS sip:a@b SIP/2.0\r\nl: 999999\r\n\r\n");
   Frame frame = framer.next();
   CHECK(frame.kind == Frame::Kind::malformed);
   CHECK(frame.error.find("exceeds") != std::string::npos);
}

TEST_CASE("a response over UDP with rport goes back to the source address and port") {
   Via via{"UDP", "127.0.0.1", 5070, "z9hG4bK1", std::string("192.0.2.1"), true, 40000};
   Peer to = response_destination(via, Peer{TransportKind::udp, "192.0.2.1", 40000});
   CHECK(to == Peer{TransportKind::udp, "192.0.2.1", 40000});
}

TEST_CASE("a response over UDP without rport goes to received and the sent-by port") {
   Via via{"UDP", "pc33.example.com", 5070, "z9hG4bK1", std::string("192.0.2.1"), false, std::nullopt};
   CHECK(response_destination(via, Peer{TransportKind::udp, "192.0.2.1", 40000}) ==
         Peer{TransportKind::udp, "192.0.2.1", 5070});
}

TEST_CASE("a sent-by without port means the transport's default port") {
   Via udp{"UDP", "192.0.2.1", 0, "z9hG4bK1", std::nullopt, false, std::nullopt};
   CHECK(response_destination(udp, Peer{TransportKind::udp, "192.0.2.1", 1234}).port == 5060);
   Via tls{"TLS", "192.0.2.1", 0, "z9hG4bK1", std::nullopt, false, std::nullopt};
   CHECK(response_destination(tls, Peer{TransportKind::tls, "192.0.2.1", 1234}).port == 5061);
}
