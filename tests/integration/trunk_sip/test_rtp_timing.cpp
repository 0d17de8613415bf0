// SPDX-License-Identifier: GPL-3.0-or-later
// The acceptance point on media: the RTP a waiting caller receives is the WAV, paced.
#include <algorithm>
#include <cmath>

#include <catch2/catch.hpp>

#include "clip.h"
#include "trunk_rig.h"
#include "trunk_settings.h"

using namespace trunktest;
using namespace std::chrono_literals;

TEST_CASE("a waiting caller receives the WAV as RTP: 20 ms apart, sequence and timestamp continuous, same samples",
          "[pacing]") {
   Trunk trunk;
   TestSettings s;
   const std::vector<std::int16_t> samples = test_tone(8000 * 3);  // 3 s, 150 frames
   const std::string wav = write_wav("moh.wav", samples);
   s.extra = pilots() + ",\"media\":[{\"id\":\"moh\",\"file\":\"" + wav + "\"}]";
   trunk.start(s.json());
   RawUa receiver;  // only its RTP socket is used: SIPp's offer points at it
   Sipp caller({"-sf", scenario("uac_pilot_call_rtp.xml"), "-s", kPilot, "127.0.0.1:" + std::to_string(s.sip_port),
                "-i", "127.0.0.1", "-p", std::to_string(free_udp_port()), "-mp", std::to_string(free_sipp_media_port()),
                "-m", "1", "-timeout", "30s", "-set", "rtp_ip", "127.0.0.1", "-set", "rtp_port",
                std::to_string(receiver.rtp_port()), "-set", "hold_ms", "5000"});
   REQUIRE(trunk.wait([](const Recorded &r) { return !r.incoming.empty(); }));
   const std::string id = trunk.events().incoming.front().call_id;
   portier_error err = PORTIER_ERROR_INIT;
   REQUIRE(trunk.api().answer(trunk.inst(), id.c_str(), 1, &err) == PORTIER_PENDING);
   REQUIRE(trunk.api().play(trunk.inst(), id.c_str(), "moh", 0, 2, &err) == PORTIER_PENDING);
   const auto packets = receive_rtp(receiver.rtp_socket(), 4000ms, 150);
   REQUIRE(packets.size() == 150);

   const portier::media::Clip expected = portier::media::clip_from_samples(samples);
   std::vector<double> gaps;
   for (std::size_t i = 0; i < packets.size(); ++i) {
      const auto &p = packets[i].bytes;
      REQUIRE(p.size() == 12 + 160);
      const int pt = p[1] & 0x7f;
      REQUIRE((pt == 8 || pt == 0));
      const auto codec = pt == 8 ? portier::media::Codec::pcma : portier::media::Codec::pcmu;
      const auto frame = expected.frame(codec, i);
      INFO("packet " << i);
      CHECK(std::equal(frame.begin(), frame.end(), p.begin() + 12));
      CHECK(((p[1] & 0x80) != 0) == (i == 0));  // marker on the talk-spurt's first packet only
      if (i == 0) continue;
      const auto &q = packets[i - 1].bytes;
      const std::uint16_t seq = static_cast<std::uint16_t>(p[2] << 8 | p[3]);
      const std::uint16_t prev_seq = static_cast<std::uint16_t>(q[2] << 8 | q[3]);
      CHECK(static_cast<std::uint16_t>(seq - prev_seq) == 1);
      const auto ts = [](const std::vector<std::uint8_t> &b) {
         return static_cast<std::uint32_t>(b[4]) << 24 | static_cast<std::uint32_t>(b[5]) << 16 |
                static_cast<std::uint32_t>(b[6]) << 8 | b[7];
      };
      CHECK(ts(p) - ts(q) == 160u);
      gaps.push_back(std::chrono::duration<double, std::milli>(packets[i].at - packets[i - 1].at).count());
   }
   // Pacing: on average 20 ms; each arrival within jitter tolerance of its 20 ms slot.
   const double span = std::chrono::duration<double, std::milli>(packets.back().at - packets.front().at).count();
   CHECK(std::abs(span / 149.0 - 20.0) < 0.5);
   std::size_t off_slot = 0;
   for (std::size_t i = 1; i < packets.size(); ++i) {
      const double since = std::chrono::duration<double, std::milli>(packets[i].at - packets.front().at).count();
      if (std::abs(since - 20.0 * static_cast<double>(i)) > 10.0) ++off_slot;
   }
   CHECK(off_slot <= 3);  // a loaded test machine may delay a few
   CHECK(trunk.wait([&](const Recorded &) { return !trunk.calls_of(PORTIER_TRUNK_EV_MEDIA_DONE, id).empty(); }, 3s));
}
