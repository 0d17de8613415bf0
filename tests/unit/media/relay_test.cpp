// SPDX-License-Identifier: GPL-3.0-or-later
#include <catch2/catch.hpp>

#include "g711.h"
#include "loopback.h"
#include "relay.h"

using namespace portier::media;
using namespace portier::media::test;
namespace asio = boost::asio;
using namespace std::chrono_literals;

TEST_CASE("a relay passes RTP both ways with its own sequence, timestamp and SSRC per side") {
   asio::io_context io;
   PortRange range = reserve_free_range(io, 8);
   Peer caller(io);
   Peer target(io);
   StreamConfig ca;  // caller leg: PCMA, telephone-event 101
   ca.codec = Codec::pcma;
   ca.payload_type = 8;
   ca.dtmf_payload_type = 101;
   ca.remote = caller.endpoint();
   StreamConfig cb;  // target leg: PCMU, telephone-event 96
   cb.codec = Codec::pcmu;
   cb.payload_type = 0;
   cb.dtmf_payload_type = 96;
   cb.remote = target.endpoint();
   RtpStream a(std::move(range.allocate()).value(), ca, 0xA);
   RtpStream b(std::move(range.allocate()).value(), cb, 0xB);
   a.start();
   b.start();
   Relay relay(a, b);
   const asio::ip::udp::endpoint to_a(asio::ip::make_address("127.0.0.1"), a.local_port());
   const asio::ip::udp::endpoint to_b(asio::ip::make_address("127.0.0.1"), b.local_port());

   std::vector<std::uint8_t> alaw(160), ulaw(160);
   for (std::size_t i = 0; i < 160; ++i) {
      alaw[i] = linear_to_alaw(static_cast<std::int16_t>(i * 100));
      ulaw[i] = linear_to_ulaw(static_cast<std::int16_t>(-static_cast<int>(i) * 100));
   }
   for (std::uint16_t i = 0; i < 5; ++i) {
      caller.send(to_a, {8, i == 0, static_cast<std::uint16_t>(500 + i), 80000u + 160u * i, 0x1111}, alaw);
      target.send(to_b, {0, i == 0, static_cast<std::uint16_t>(9000 + i), 7000u + 160u * i, 0x2222}, ulaw);
      io.run_for(5ms);
   }
   caller.send(to_a, {101, true, 505, 80800, 0x1111}, {3, 0x80, 0, 160});
   io.run_for(30ms);

   REQUIRE(target.received.size() == 6);
   REQUIRE(caller.received.size() == 5);
   CHECK(relay.forwarded() == 11);
   const auto &t = target.received;
   CHECK(t[0].header.ssrc == 0xB);
   CHECK(t[0].header.marker);
   CHECK(t[0].from.port() == b.local_port());
   for (std::size_t i = 0; i < 5; ++i) {
      CHECK(t[i].header.payload_type == 0);
      if (i > 0) {
         CHECK(t[i].header.sequence == static_cast<std::uint16_t>(t[i - 1].header.sequence + 1));
         CHECK(t[i].header.timestamp == t[i - 1].header.timestamp + 160);
      }
      // A-law in, mu-law out: the same sound.
      for (std::size_t k = 0; k < 160; ++k) CHECK(std::abs(ulaw_to_linear(t[i].payload[k]) - alaw_to_linear(alaw[k])) <= 64 + static_cast<int>(k) * 8);
   }
   CHECK(t[5].header.payload_type == 96);  // the event, mapped to the target's number
   CHECK(t[5].header.timestamp == t[4].header.timestamp + 160);
   const auto &c = caller.received;
   CHECK(c[0].header.ssrc == 0xA);
   for (std::size_t i = 1; i < 5; ++i) CHECK(c[i].header.sequence == static_cast<std::uint16_t>(c[i - 1].header.sequence + 1));
   CHECK(c[2].header.payload_type == 8);
}
