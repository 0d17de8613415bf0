// SPDX-License-Identifier: GPL-3.0-or-later
// Transfers end to end: a caller waits with music while the engine's second leg rings at a SIPp
// phone, then the two are connected: by REFER with Replaces when the caller's side supports it
// (the media leaves the trunk, both legs end here), and the second-leg outcomes the engine must
// see (busy: the caller stays; never answering: CANCEL sent when the engine gives up).
#include <thread>

#include <catch2/catch.hpp>

#include "call_steps.h"
#include "trunk_rig.h"
#include "trunk_settings.h"

using namespace trunktest;
using namespace std::chrono_literals;

namespace {

// A SIPp phone standing in for the PBX on the registrar port; see test_second_legs.cpp for -m 2.
Sipp phone(const TestSettings &s, const char *file, const std::string &count = "2") {
   return Sipp({"-sf", scenario(file), "-i", "127.0.0.1", "-p", std::to_string(s.registrar_port), "-mp",
                std::to_string(free_sipp_media_port()), "-m", count, "-timeout", "30s"});
}

// The SIPp caller's incoming call, answered and hearing looped music.
std::string waiting_sipp_caller(Trunk &trunk) {
   REQUIRE(trunk.wait([](const Recorded &r) { return !r.incoming.empty(); }));
   const std::string id = trunk.events().incoming.front().call_id;
   portier_error err = PORTIER_ERROR_INIT;
   REQUIRE(trunk.api().answer(trunk.inst(), id.c_str(), 1, &err) == PORTIER_PENDING);
   REQUIRE(trunk.api().play(trunk.inst(), id.c_str(), "music", PORTIER_TRUNK_PLAY_LOOP, 2, &err) == PORTIER_PENDING);
   for (std::uint64_t c : {1, 2}) {
      auto r = trunk.result(c);
      REQUIRE(r);
      REQUIRE(r->status == PORTIER_OK);
   }
   return id;
}

}  // namespace

TEST_CASE("a caller that accepts REFER is handed to the answered target by REFER with Replaces and both legs leave the trunk") {
   Trunk trunk;
   TestSettings s;
   s.extra = pilots_and_music();
   Sipp target = phone(s, "uas_refer_target.xml");
   std::this_thread::sleep_for(300ms);
   trunk.start(s.json());
   Sipp caller({"-sf", scenario("uac_refer_caller.xml"), "-s", kPilot, "127.0.0.1:" + std::to_string(s.sip_port), "-i",
                "127.0.0.1", "-p", std::to_string(free_udp_port()), "-mp", std::to_string(free_sipp_media_port()),
                "-m", "1", "-timeout", "30s"});
   const std::string in = waiting_sipp_caller(trunk);
   portier_error err = PORTIER_ERROR_INIT;
   REQUIRE(trunk.api().place_call(trunk.inst(), "leg-1", "+4989700200", "+4989700100", "", in.c_str(),
                                  PORTIER_TRUNK_EARLY_MEDIA_RINGBACK, 3, &err) == PORTIER_PENDING);
   REQUIRE(trunk.wait([&](const Recorded &) { return saw(trunk, PORTIER_TRUNK_EV_ANSWERED, "leg-1"); }));
   REQUIRE(trunk.api().connect(trunk.inst(), in.c_str(), "leg-1", 4, &err) == PORTIER_PENDING);
   auto r = trunk.result(4);
   REQUIRE(r);
   CHECK(r->status == PORTIER_OK);
   // The caller's NOTIFY (sipfrag 200) completes the transfer: CONNECTED, then the trunk leaves.
   REQUIRE(trunk.wait([&](const Recorded &) { return saw(trunk, PORTIER_TRUNK_EV_CONNECTED, in); }));
   CHECK(std::string(trunk.calls_of(PORTIER_TRUNK_EV_CONNECTED, in).front().other_call_id) == "leg-1");
   REQUIRE(trunk.wait([&](const Recorded &) {
      return saw(trunk, PORTIER_TRUNK_EV_ENDED, in) && saw(trunk, PORTIER_TRUNK_EV_ENDED, "leg-1");
   }));
   CHECK(trunk.plugin.host.logged("joined by the PBX (REFER)"));
   CHECK(!trunk.plugin.host.logged("connected by relay"));
   CHECK(caller.wait(10s) == 0);  // REFER with Replaces seen, NOTIFY answered, BYE received
}

TEST_CASE("a busy second leg ends with 486 and the waiting caller stays with its music") {
   Trunk trunk;
   TestSettings s;
   s.extra = pilots_and_music();
   Sipp busy = phone(s, "uas_busy.xml");
   std::this_thread::sleep_for(300ms);
   trunk.start(s.json());
   RawUa caller;
   const std::string in = waiting_caller(trunk, caller, s.sip_port, "music");
   portier_error err = PORTIER_ERROR_INIT;
   REQUIRE(trunk.api().place_call(trunk.inst(), "leg-1", "+4989700200", "+4989700100", "", in.c_str(),
                                  PORTIER_TRUNK_EARLY_MEDIA_PASS, 3, &err) == PORTIER_PENDING);
   REQUIRE(trunk.wait([&](const Recorded &) { return saw(trunk, PORTIER_TRUNK_EV_ENDED, "leg-1"); }));
   CHECK(trunk.calls_of(PORTIER_TRUNK_EV_ENDED, "leg-1").front().value == 486);
   CHECK(!saw(trunk, PORTIER_TRUNK_EV_ENDED, in));
   CHECK(receive_rtp(caller.rtp_socket(), 300ms, 10).size() >= 5);  // the music goes on
}

TEST_CASE("a second leg nobody answers is cancelled when the engine gives up, and the caller heard ringback meanwhile") {
   Trunk trunk;
   TestSettings s;
   s.extra = pilots();
   Sipp never = phone(s, "uas_no_answer.xml");
   std::this_thread::sleep_for(300ms);
   trunk.start(s.json());
   RawUa caller;
   const std::string in = waiting_caller(trunk, caller, s.sip_port);
   portier_error err = PORTIER_ERROR_INIT;
   // Nothing plays to the caller until the leg rings; then the trunk's ringback does.
   CHECK(receive_rtp(caller.rtp_socket(), 200ms, 5).empty());
   REQUIRE(trunk.api().place_call(trunk.inst(), "leg-1", "+4989700200", "+4989700100", "", in.c_str(),
                                  PORTIER_TRUNK_EARLY_MEDIA_RINGBACK, 3, &err) == PORTIER_PENDING);
   REQUIRE(trunk.wait([&](const Recorded &) { return saw(trunk, PORTIER_TRUNK_EV_PROGRESS, "leg-1"); }));
   CHECK(receive_rtp(caller.rtp_socket(), 400ms, 10).size() >= 5);
   // The engine's no-answer timeout: hang up the ringing leg, which sends CANCEL.
   REQUIRE(trunk.api().hangup(trunk.inst(), "leg-1", 4, &err) == PORTIER_PENDING);
   REQUIRE(trunk.wait([&](const Recorded &) { return saw(trunk, PORTIER_TRUNK_EV_ENDED, "leg-1"); }));
   CHECK(!saw(trunk, PORTIER_TRUNK_EV_ENDED, in));
   // The phone's scenario only completes on a CANCEL (200, 487, ACK): one call done of two.
   REQUIRE(trunk.wait([&](const Recorded &) { return !never.running(); }, 15s));
}
