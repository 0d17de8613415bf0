// SPDX-License-Identifier: GPL-3.0-or-later
#include <catch2/catch.hpp>

#include "loopback.h"
#include "rtp_stream.h"
#include "telephone_event.h"

using namespace portier::media;
using namespace portier::media::test;
namespace asio = boost::asio;
using namespace std::chrono_literals;

namespace {

std::vector<std::uint8_t> event(std::uint8_t code, bool end, std::uint16_t duration) {
   std::vector<std::uint8_t> p(4);
   write_telephone_event({code, end, 10, duration}, p.data());
   return p;
}

}  // namespace

TEST_CASE("an RTP header written is read back, and broken packets are refused") {
   std::uint8_t buf[16] = {};
   write_rtp_header({96, true, 65535, 0xdeadbeef, 42}, buf);
   auto v = parse_rtp(std::span<const std::uint8_t>(buf, 16));
   REQUIRE(v);
   CHECK(v->header.payload_type == 96);
   CHECK(v->header.marker);
   CHECK(v->header.sequence == 65535);
   CHECK(v->header.timestamp == 0xdeadbeef);
   CHECK(v->header.ssrc == 42);
   CHECK(v->payload.size() == 4);
   CHECK_FALSE(parse_rtp(std::span<const std::uint8_t>(buf, 11)));
   buf[0] = 0x8F;  // 15 CSRCs announced, none there
   CHECK_FALSE(parse_rtp(std::span<const std::uint8_t>(buf, 16)));
   buf[0] = 0xA0;  // padding of 200 bytes announced
   buf[15] = 200;
   CHECK_FALSE(parse_rtp(std::span<const std::uint8_t>(buf, 16)));
   buf[15] = 2;
   v = parse_rtp(std::span<const std::uint8_t>(buf, 16));
   REQUIRE(v);
   CHECK(v->payload.size() == 2);
   buf[0] = 0x40;  // version 1
   CHECK_FALSE(parse_rtp(std::span<const std::uint8_t>(buf, 16)));
}

TEST_CASE("a key press is reported once, on its first end packet") {
   DtmfDetector d;
   CHECK_FALSE(d.feed(1000, event(5, false, 160)));
   CHECK_FALSE(d.feed(1000, event(5, false, 320)));
   CHECK(d.feed(1000, event(5, true, 800)) == '5');
   CHECK_FALSE(d.feed(1000, event(5, true, 800)));
   CHECK_FALSE(d.feed(1000, event(5, true, 800)));
   CHECK(d.feed(3000, event(11, true, 800)) == '#');
   CHECK(d.feed(5000, event(10, true, 800)) == '*');
   CHECK_FALSE(d.feed(7000, event(16, true, 800)));  // flash is no digit
   const std::vector<std::uint8_t> short_payload{1, 2};
   CHECK_FALSE(d.feed(9000, short_payload));
}

TEST_CASE("telephone-events sent to a stream reach the DTMF callback once per press, and symmetric RTP learns the sender") {
   asio::io_context io;
   PortRange range = reserve_free_range(io, 4);
   StreamConfig c;
   c.dtmf_payload_type = 101;  // no remote yet: only symmetric RTP can tell where to send
   RtpStream stream(std::move(range.allocate()).value(), c, 7);
   std::string digits;
   stream.on_dtmf([&](char d) { digits += d; });
   stream.start();
   Peer peer(io);
   const asio::ip::udp::endpoint to(asio::ip::make_address("127.0.0.1"), stream.local_port());
   std::uint16_t seq = 1;
   const auto press = [&](std::uint8_t code, std::uint32_t ts) {
      peer.send(to, {101, true, seq++, ts, 99}, event(code, false, 160));
      peer.send(to, {101, false, seq++, ts, 99}, event(code, false, 320));
      for (int i = 0; i < 3; ++i) peer.send(to, {101, false, seq++, ts, 99}, event(code, true, 480));
   };
   press(1, 16000);
   press(1, 24000);  // the same key again is a new press
   press(11, 32000);
   io.run_for(50ms);
   CHECK(digits == "11#");
   CHECK(stream.counters().received == 15);
   CHECK(stream.remote() == peer.endpoint());
   // Replies now go to the sender.
   const std::uint8_t frame[160] = {};
   stream.send(frame, 8, true);
   io.run_for(20ms);
   REQUIRE(peer.received.size() == 1);
   CHECK(peer.received[0].header.ssrc == 7);
}
