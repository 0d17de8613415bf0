// SPDX-License-Identifier: GPL-3.0-or-later
// Pilot calls over the stream transports: SIPp over TCP, and baresip over TLS (this SIPp has no
// TLS built in) against a certificate the test makes with openssl.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <thread>

#include <catch2/catch.hpp>

#include "baresip_peer.h"
#include "trunk_rig.h"
#include "trunk_settings.h"

using namespace trunktest;
using namespace std::chrono_literals;

namespace {

bool tcp_free(std::uint16_t port) {
   const int s = ::socket(AF_INET, SOCK_STREAM, 0);
   sockaddr_in a{};
   a.sin_family = AF_INET;
   a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
   a.sin_port = htons(port);
   const bool ok = ::bind(s, reinterpret_cast<sockaddr *>(&a), sizeof a) == 0;
   ::close(s);
   return ok;
}

// A port free for UDP and TCP alike (the stream transports listen on TCP).
std::uint16_t free_stream_port() {
   for (int attempt = 0; attempt < 50; ++attempt) {
      const std::uint16_t p = free_udp_port();
      if (tcp_free(p)) return p;
   }
   FAIL("no free TCP port");
   return 0;
}

bool transport_saw(Trunk &trunk, std::uint16_t type, const std::string &id) {
   return !trunk.calls_of(type, id).empty();
}

// Rings, answers and plays `media` in a loop to the first incoming call; its call id.
std::string answer_first(Trunk &trunk, const char *media) {
   REQUIRE(trunk.wait([](const Recorded &r) { return !r.incoming.empty(); }));
   const auto in = trunk.events().incoming.front();
   CHECK(std::string(in.called) == kPilot);
   portier_error err = PORTIER_ERROR_INIT;
   REQUIRE(trunk.api().ring(trunk.inst(), in.call_id, 1, &err) == PORTIER_PENDING);
   REQUIRE(trunk.api().answer(trunk.inst(), in.call_id, 2, &err) == PORTIER_PENDING);
   REQUIRE(trunk.api().play(trunk.inst(), in.call_id, media, PORTIER_TRUNK_PLAY_LOOP, 3, &err) == PORTIER_PENDING);
   for (std::uint64_t c : {1, 2, 3}) {
      auto r = trunk.result(c);
      REQUIRE(r);
      CHECK(r->status == PORTIER_OK);
   }
   return in.call_id;
}

}  // namespace

TEST_CASE("a pilot call from SIPp over TCP is answered, hears the WAV and ends with the caller's BYE") {
   Trunk trunk;
   TestSettings s;
   s.sip_port = free_stream_port();
   s.extra = pilots() + ",\"transport\":\"tcp\",\"media\":[{\"id\":\"welcome\",\"file\":\"" +
             write_wav("welcome.wav", test_tone(8000)) + "\"}]";
   trunk.start(s.json());
   Sipp caller({"-sf", scenario("uac_pilot_call.xml"), "-t", "t1", "-s", kPilot,
                "127.0.0.1:" + std::to_string(s.sip_port), "-i", "127.0.0.1", "-p", std::to_string(free_stream_port()),
                "-mp", std::to_string(free_udp_port()), "-m", "1", "-timeout", "20s", "-set", "hold_ms", "1000"});
   const std::string id = answer_first(trunk, "welcome");
   REQUIRE(trunk.wait([&](const Recorded &) { return transport_saw(trunk, PORTIER_TRUNK_EV_ENDED, id); }));
   CHECK(caller.wait(10s) == 0);  // 200 with SDP, ACK, BYE answered 200: all over TCP
}

TEST_CASE("a pilot call from baresip over TLS is answered, carries RTP and ends with baresip's hang-up") {
   const std::string dir = "/tmp/trunk-sip-test-tls-" + std::to_string(::getpid());
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
   const std::string id = answer_first(trunk, "welcome");
   const auto established = phone.wait_for("Call established", 5s);
   REQUIRE(established);
   REQUIRE(phone.wait_for("incoming rtp for 'audio' established", 5s));
   std::this_thread::sleep_for(500ms);
   phone.command("/hangup");
   REQUIRE(trunk.wait([&](const Recorded &) { return transport_saw(trunk, PORTIER_TRUNK_EV_ENDED, id); }));
   const auto counts = phone.counts(5s, *established);
   REQUIRE(counts);
   CHECK(counts->received >= 20);
}
