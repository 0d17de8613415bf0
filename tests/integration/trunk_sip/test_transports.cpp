// SPDX-License-Identifier: GPL-3.0-or-later
// Pilot calls over the stream transports: SIPp over TCP, and baresip over TLS (this SIPp has no
// TLS built in) against a certificate the test makes with openssl.
#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <thread>

#include <catch2/catch.hpp>

#include "baresip_peer.h"
#include "scratch_dir.h"
#include "call_steps.h"
#include "trunk_rig.h"
#include "trunk_settings.h"

using namespace trunktest;
using namespace std::chrono_literals;

TEST_CASE("a pilot call from SIPp over TCP is answered, hears the WAV and ends with the caller's BYE") {
   Trunk trunk;
   TestSettings s;
   s.sip_port = free_stream_port();
   s.extra = pilots() + ",\"transport\":\"tcp\",\"media\":[{\"id\":\"welcome\",\"file\":\"" +
             write_wav("welcome.wav", test_tone(8000)) + "\"}]";
   trunk.start(s.json());
   Sipp caller({"-sf", scenario("uac_pilot_call.xml"), "-t", "t1", "-s", kPilot,
                "127.0.0.1:" + std::to_string(s.sip_port), "-i", "127.0.0.1", "-p", std::to_string(free_stream_port()),
                "-mp", std::to_string(free_sipp_media_port()), "-m", "1", "-timeout", "20s", "-set", "hold_ms",
                "1000"});
   const std::string id = answer_first(trunk, "welcome").call_id;
   REQUIRE(trunk.wait([&](const Recorded &) { return saw(trunk, PORTIER_TRUNK_EV_ENDED, id); }));
   CHECK(caller.wait(10s) == 0);  // 200 with SDP, ACK, BYE answered 200: all over TCP
}

TEST_CASE("a pilot call from baresip over TLS is answered, carries RTP and ends with baresip's hang-up") {
   const std::string dir = portier::test::scratch_path("tls");
   const std::string make = "mkdir -p " + dir + " && openssl req -x509 -newkey rsa:2048 -nodes -days 1" +
                            " -subj /CN=127.0.0.1 -keyout " + dir + "/key.pem -out " + dir +
                            "/cert.pem >/dev/null 2>&1";
   REQUIRE(std::system(make.c_str()) == 0);
   Trunk trunk;
   TestSettings s;
   s.sip_port = free_stream_port();
   s.extra = pilots() + ",\"transport\":\"tls\",\"tls\":{\"cert_file\":\"" + dir + "/cert.pem\",\"key_file\":\"" + dir +
             "/key.pem\",\"verify\":false},\"media\":[{\"id\":\"welcome\",\"file\":\"" +
             write_wav("welcome.wav", test_tone(8000)) + "\"}]";
   trunk.start(s.json());
   BaresipOptions o;
   o.user = "+4930777";
   o.wav = constant_wav("tls-voice.wav", 1000, 30);
   Baresip phone(o);
   REQUIRE(phone.ready());
   phone.command("/dial sip:" + std::string(kPilot) + "@127.0.0.1:" + std::to_string(s.sip_port) + ";transport=tls");
   const std::string id = answer_first(trunk, "welcome").call_id;
   const auto established = phone.wait_for("Call established", 5s);
   REQUIRE(established);
   REQUIRE(phone.wait_for("incoming rtp for 'audio' established", 5s));
   std::this_thread::sleep_for(500ms);
   phone.command("/hangup");
   REQUIRE(trunk.wait([&](const Recorded &) { return saw(trunk, PORTIER_TRUNK_EV_ENDED, id); }));
   const auto counts = phone.counts(5s, *established);
   REQUIRE(counts);
   CHECK(counts->received >= 20);
}
