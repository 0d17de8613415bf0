// SPDX-License-Identifier: GPL-3.0-or-later
// baresip as a second, independent SIP peer: a caller dialling a pilot number and hearing the
// engine's WAV, and a transfer target reached by a second leg and relayed to a caller without
// REFER, with RTP flowing both ways end to end.
#include <thread>

#include <catch2/catch.hpp>

#include "baresip_peer.h"
#include "call_steps.h"
#include "g711.h"
#include "trunk_rig.h"
#include "trunk_settings.h"

using namespace trunktest;
using namespace std::chrono_literals;

namespace {

// PCMA packets whose 160 payload bytes all equal `code`.
std::size_t carrying(const std::vector<Packet> &got, std::uint8_t code) {
   std::size_t n = 0;
   for (const Packet &p : got) {
      if (p.bytes.size() != 172) continue;
      bool all = true;
      for (std::size_t i = 12; i < p.bytes.size() && all; ++i) all = p.bytes[i] == code;
      n += all;
   }
   return n;
}

}  // namespace

TEST_CASE("baresip calls a pilot number, is answered, hears the WAV and its hang-up ends the call") {
   Trunk trunk;
   TestSettings s;
   const std::string wav = write_wav("welcome.wav", test_tone(8000));
   s.extra = pilots() + ",\"media\":[{\"id\":\"welcome\",\"file\":\"" + wav + "\"}]";
   trunk.start(s.json());
   BaresipOptions o;
   o.user = "+4930555";
   o.wav = constant_wav("baresip-voice.wav", 2000, 30);
   Baresip phone(o);
   REQUIRE(phone.ready());
   phone.command("/dial sip:" + std::string(kPilot) + "@127.0.0.1:" + std::to_string(s.sip_port));

   const auto in = answer_first(trunk, "welcome");
   CHECK(std::string(in.caller) == "+4930555");
   const auto established = phone.wait_for("Call established", 5s);
   REQUIRE(established);
   // baresip says so when the first RTP packet of the call arrives (maybe before the 200 does);
   // then a second of the WAV.
   REQUIRE(phone.wait_for("incoming rtp for 'audio' established", 5s));
   std::this_thread::sleep_for(1s);
   phone.command("/hangup");
   REQUIRE(trunk.wait([&](const Recorded &) { return saw(trunk, PORTIER_TRUNK_EV_ENDED, in.call_id); }));
   const auto counts = phone.counts(5s, *established);
   REQUIRE(counts);
   CHECK(counts->received >= 40);  // 50 packets a second at 20 ms
   CHECK(counts->sent >= 40);
}

TEST_CASE("baresip as the answering transfer target is relayed to a caller without REFER and both hear each other") {
   Trunk trunk;
   TestSettings s;
   s.extra = pilots_and_music();
   BaresipOptions o;
   o.user = "+4989700200";
   o.auto_answer = true;
   const std::int16_t level = 2000;
   o.wav = constant_wav("target-voice.wav", level, 30);
   Baresip target(o);
   REQUIRE(target.ready());
   // baresip stands in for the PBX: second legs go to the registrar (its REGISTER gets refused).
   s.registrar_port = target.sip_port();
   trunk.start(s.json());

   RawUa caller;  // no Allow: REFER, so connecting means relaying
   const std::string in = waiting_caller(trunk, caller, s.sip_port, "music");
   portier_error err = PORTIER_ERROR_INIT;
   CHECK(receive_rtp(caller.rtp_socket(), 300ms, 10).size() >= 5);  // waiting with music

   REQUIRE(trunk.api().place_call(trunk.inst(), "leg-1", "+4989700200", "+4930123456", "", in.c_str(),
                                  PORTIER_TRUNK_EARLY_MEDIA_RINGBACK, 3, &err) == PORTIER_PENDING);
   REQUIRE(trunk.wait([&](const Recorded &) { return saw(trunk, PORTIER_TRUNK_EV_ANSWERED, "leg-1"); }));
   const auto established = target.wait_for("Call established", 5s);
   REQUIRE(established);
   REQUIRE(trunk.api().connect(trunk.inst(), in.c_str(), "leg-1", 4, &err) == PORTIER_PENDING);
   auto r = trunk.result(4);
   REQUIRE(r);
   REQUIRE(r->status == PORTIER_OK);
   REQUIRE(saw(trunk, PORTIER_TRUNK_EV_CONNECTED, in));
   CHECK(trunk.plugin.host.logged("connected by relay"));

   // The caller talks for a second (50 packets) and listens meanwhile.
   std::vector<Packet> heard;
   for (std::uint16_t i = 0; i < 50; ++i) {
      send_rtp(caller.rtp_socket(), caller.remote_rtp_port(), i, i * 160u, 0x5a);
      for (Packet &p : receive_rtp(caller.rtp_socket(), 20ms)) heard.push_back(std::move(p));
   }
   // baresip's voice (one constant level) reached the caller through the relay.
   CHECK(carrying(heard, portier::media::linear_to_alaw(level)) >= 25);

   caller.bye();
   REQUIRE(trunk.wait([&](const Recorded &) {
      return saw(trunk, PORTIER_TRUNK_EV_ENDED, in) && saw(trunk, PORTIER_TRUNK_EV_ENDED, "leg-1");
   }));
   // The trunk's BYE ends baresip's call; its counters show the caller's packets arrived.
   const auto counts = target.counts(5s, *established);
   REQUIRE(counts);
   CHECK(counts->received >= 40);
   CHECK(counts->sent >= 40);
}
