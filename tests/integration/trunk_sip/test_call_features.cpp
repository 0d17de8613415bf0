// SPDX-License-Identifier: GPL-3.0-or-later
// One call's features against a raw dialog of the test: late offer (SDP in our 200, answer in
// the ACK), hold and resume by re-INVITE and by UPDATE, RFC 4028 session timers on the host
// clock (our UPDATE refresh, the peer's refresh, BYE on expiry) and RFC 4733 digits.
#include <cstring>
#include <thread>

#include <catch2/catch.hpp>

#include "dialog_ua.h"
#include "trunk_rig.h"
#include "trunk_settings.h"

using namespace trunktest;
using namespace std::chrono_literals;

namespace {

struct Answered {
   std::string id;
   std::uint16_t trunk_rtp = 0;
   SipText ok;
};

// INVITE (with `sdp`, "" for a late offer), the engine answers, we ACK with `ack_sdp`.
Answered answer(Trunk &trunk, DialogUa &ua, std::uint16_t port, const std::string &sdp, const std::string &extra = "",
                const std::string &ack_sdp = "") {
   const std::size_t before = trunk.events().incoming.size();
   ua.invite(port, kPilot, sdp, extra);
   REQUIRE(trunk.wait([before](const Recorded &r) { return r.incoming.size() > before; }));
   Answered a;
   a.id = trunk.events().incoming[before].call_id;
   portier_error err = PORTIER_ERROR_INIT;
   REQUIRE(trunk.api().answer(trunk.inst(), a.id.c_str(), 900 + before, &err) == PORTIER_PENDING);
   auto ok = ua.final_response();
   REQUIRE(ok);
   REQUIRE(ok->status() == 200);
   a.ok = *ok;
   a.trunk_rtp = sdp_audio_port(ok->body());
   ua.ack(ack_sdp);
   return a;
}

std::size_t holds(Trunk &trunk, const std::string &id, int value) {
   std::size_t n = 0;
   for (const auto &e : trunk.calls_of(PORTIER_TRUNK_EV_HOLD, id)) n += e.value == value;
   return n;
}

bool ended(Trunk &trunk, const std::string &id) { return !trunk.calls_of(PORTIER_TRUNK_EV_ENDED, id).empty(); }

void send_event(int socket, std::uint16_t port, std::uint16_t seq, std::uint8_t event, bool end) {
   std::uint8_t p[16] = {0x80, 101, static_cast<std::uint8_t>(seq >> 8), static_cast<std::uint8_t>(seq), 0, 0, 0x10, 0,
                         0x0a, 0x0b, 0x0c, 0x0d, event, static_cast<std::uint8_t>((end ? 0x80 : 0) | 10), 0x01, 0x40};
   send_loopback(socket, port, p, sizeof p);
}

// A pilot call answered under RFC 4028 with a 90 s session naming `refresher` ("uac" or "uas"),
// which our 200 CHECKs to keep.
Answered answer_with_session_timer(Trunk &trunk, DialogUa &ua, std::uint16_t port, const std::string &refresher) {
   const std::string timer = "Session-Expires: 90;refresher=" + refresher;
   const Answered a = answer(trunk, ua, port, audio_sdp(ua.rtp_port()), "Supported: timer\r\n" + timer + "\r\n");
   CHECK(a.ok.header("Session-Expires").find("refresher=" + refresher) != std::string::npos);
   return a;
}

}  // namespace

TEST_CASE("an INVITE without SDP is answered with our offer and the answer in the ACK carries the music") {
   Trunk trunk;
   TestSettings s;
   const std::string wav = write_wav("late.wav", test_tone(16000));
   s.extra = pilots() + ",\"media\":[{\"id\":\"music\",\"file\":\"" + wav + "\"}]";
   trunk.start(s.json());
   DialogUa ua;
   const Answered a = answer(trunk, ua, s.sip_port, "", "", audio_sdp(ua.rtp_port()));
   CHECK(a.ok.header("Content-Type") == "application/sdp");
   CHECK(a.ok.body().find("RTP/AVP 8 0 101") != std::string::npos);  // our offer: PCMA, PCMU, events
   REQUIRE(a.trunk_rtp != 0);
   portier_error err = PORTIER_ERROR_INIT;
   REQUIRE(trunk.api().play(trunk.inst(), a.id.c_str(), "music", PORTIER_TRUNK_PLAY_LOOP, 1, &err) == PORTIER_PENDING);
   REQUIRE(trunk.result(1));
   const auto got = receive_rtp(ua.rtp_socket(), 600ms, 20);
   REQUIRE(got.size() >= 10);
   CHECK((got.front().bytes[1] & 0x7f) == 8);  // PCMA, the first codec of our offer the ACK accepted
   ua.send_in_dialog("BYE");
   REQUIRE(trunk.wait([&](const Recorded &) { return ended(trunk, a.id); }));
}

TEST_CASE("a late-offer call whose ACK brings no answer is ended with BYE") {
   Trunk trunk;
   TestSettings s;
   s.extra = pilots();
   trunk.start(s.json());
   DialogUa ua;
   const Answered a = answer(trunk, ua, s.sip_port, "");
   REQUIRE(trunk.wait([&](const Recorded &) { return ended(trunk, a.id); }));
   CHECK(trunk.calls_of(PORTIER_TRUNK_EV_ENDED, a.id).front().value == 488);
   CHECK(ua.next_request("BYE", 2s));
}

TEST_CASE("hold and resume are reported from the SDP direction of a re-INVITE and of an UPDATE") {
   const char *const kMethods[] = {"INVITE", "UPDATE"};
   for (const char *method : kMethods) {
      DYNAMIC_SECTION(method) {
         Trunk trunk;
         TestSettings s;
         s.extra = pilots();
         trunk.start(s.json());
         DialogUa ua;
         const Answered a = answer(trunk, ua, s.sip_port, audio_sdp(ua.rtp_port()));
         ua.send_in_dialog(method, audio_sdp(ua.rtp_port(), "sendonly", 2));
         auto ok = ua.final_response();
         REQUIRE(ok);
         CHECK(ok->status() == 200);
         CHECK(ok->body().find("a=recvonly") != std::string::npos);
         if (std::string(method) == "INVITE") ua.ack();
         REQUIRE(trunk.wait([&](const Recorded &) { return holds(trunk, a.id, 1) == 1; }));
         ua.send_in_dialog(method, audio_sdp(ua.rtp_port(), "sendrecv", 3));
         ok = ua.final_response();
         REQUIRE(ok);
         CHECK(ok->status() == 200);
         if (std::string(method) == "INVITE") ua.ack();
         REQUIRE(trunk.wait([&](const Recorded &) { return holds(trunk, a.id, 0) == 1; }));
         CHECK(holds(trunk, a.id, 1) == 1);
         CHECK(!ended(trunk, a.id));
      }
   }
}

TEST_CASE("as refresher the trunk sends an UPDATE with Session-Expires at half the interval") {
   Trunk trunk;
   TestSettings s;
   s.extra = pilots();
   trunk.start(s.json());
   DialogUa ua;
   const Answered a = answer_with_session_timer(trunk, ua, s.sip_port, "uas");
   CHECK(!ua.next_request("UPDATE", 300ms));  // not before its time
   trunk.plugin.host.advance(46000);
   auto update = ua.next_request("UPDATE", 3s);
   REQUIRE(update);
   CHECK(update->header("Session-Expires").rfind("90", 0) == 0);
   ua.reply(*update, 200, "Session-Expires: 90;refresher=uas\r\nRequire: timer\r\n");
   trunk.plugin.host.advance(30000);  // past the point a silent session would expire
   CHECK(!trunk.wait([&](const Recorded &) { return ended(trunk, a.id); }, 300ms));
}

TEST_CASE("the peer's UPDATE refresh keeps the session, and when the peer stops refreshing the trunk sends BYE") {
   Trunk trunk;
   TestSettings s;
   s.extra = pilots();
   trunk.start(s.json());
   DialogUa ua;
   const Answered a = answer_with_session_timer(trunk, ua, s.sip_port, "uac");
   trunk.plugin.host.advance(40000);
   ua.send_in_dialog("UPDATE", "", "Supported: timer\r\nSession-Expires: 90;refresher=uac\r\n");
   auto ok = ua.final_response();
   REQUIRE(ok);
   CHECK(ok->status() == 200);
   trunk.plugin.host.advance(40000);  // 80 s after the answer, 40 s after the refresh
   CHECK(!trunk.wait([&](const Recorded &) { return ended(trunk, a.id); }, 300ms));
   trunk.plugin.host.advance(25000);  // 65 s without a refresh: past 90 - 30 s
   REQUIRE(trunk.wait([&](const Recorded &) { return ended(trunk, a.id); }));
   CHECK(trunk.calls_of(PORTIER_TRUNK_EV_ENDED, a.id).front().value == 408);
   CHECK(ua.next_request("BYE", 2s));
}

TEST_CASE("an RFC 4733 digit from the caller is reported as DTMF") {
   Trunk trunk;
   TestSettings s;
   s.extra = pilots();
   trunk.start(s.json());
   DialogUa ua;
   const Answered a = answer(trunk, ua, s.sip_port, audio_sdp(ua.rtp_port()));
   REQUIRE(a.trunk_rtp != 0);
   for (std::uint16_t i = 0; i < 6; ++i) {
      send_event(ua.rtp_socket(), a.trunk_rtp, static_cast<std::uint16_t>(100 + i), 5, i >= 3);
      std::this_thread::sleep_for(20ms);
   }
   REQUIRE(trunk.wait([&](const Recorded &) { return !trunk.calls_of(PORTIER_TRUNK_EV_DTMF, a.id).empty(); }));
   const auto digits = trunk.calls_of(PORTIER_TRUNK_EV_DTMF, a.id);
   CHECK(digits.size() == 1);
   CHECK(digits.front().value == '5');
}
