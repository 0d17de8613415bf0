// SPDX-License-Identifier: GPL-3.0-or-later
// Second legs and connecting: place_call against SIPp phones, and two answered calls joined by
// the relay with RTP flowing both ways between the test's own sockets.
#include <thread>

#include <catch2/catch.hpp>

#include "trunk_rig.h"
#include "trunk_settings.h"

using namespace trunktest;
using namespace std::chrono_literals;

namespace {

// An incoming call from `ua`, answered by the engine; returns its call id.
std::string answered_call(Trunk &trunk, RawUa &ua, std::uint16_t port, const std::string &number,
                          std::uint64_t correlation) {
   const std::size_t before = trunk.events().incoming.size();
   ua.invite(port, number);
   REQUIRE(trunk.wait([before](const Recorded &r) { return r.incoming.size() > before; }));
   const std::string id = trunk.events().incoming[before].call_id;
   portier_error err = PORTIER_ERROR_INIT;
   REQUIRE(trunk.api().answer(trunk.inst(), id.c_str(), correlation, &err) == PORTIER_PENDING);
   const auto seen = ua.statuses();
   REQUIRE(!seen.empty());
   REQUIRE(seen.back() == 200);
   ua.ack();
   return id;
}

}  // namespace

TEST_CASE("two answered calls connected by relay carry RTP both ways, and one hang-up ends both") {
   Trunk trunk;
   TestSettings s;
   s.extra = pilots();
   trunk.start(s.json());
   RawUa a;
   RawUa b;
   const std::string id_a = answered_call(trunk, a, s.sip_port, "+4989700711", 1);
   const std::string id_b = answered_call(trunk, b, s.sip_port, "+4989700712", 2);
   portier_error err = PORTIER_ERROR_INIT;
   REQUIRE(trunk.api().connect(trunk.inst(), id_a.c_str(), id_b.c_str(), 3, &err) == PORTIER_PENDING);
   auto r = trunk.result(3);
   REQUIRE(r);
   REQUIRE(r->status == PORTIER_OK);
   const auto connected = trunk.calls_of(PORTIER_TRUNK_EV_CONNECTED, id_a);
   REQUIRE(connected.size() == 1);
   CHECK(std::string(connected.front().other_call_id) == id_b);

   for (std::uint16_t i = 0; i < 10; ++i) {
      send_rtp(a.rtp_socket(), a.remote_rtp_port(), i, i * 160u, 0x11);
      send_rtp(b.rtp_socket(), b.remote_rtp_port(), i, i * 160u, 0x22);
      std::this_thread::sleep_for(20ms);
   }
   const auto at_b = receive_rtp(b.rtp_socket(), 500ms);
   const auto at_a = receive_rtp(a.rtp_socket(), 200ms);
   const auto carries = [](const std::vector<Packet> &got, std::uint8_t fill) {
      std::size_t n = 0;
      for (const Packet &p : got) n += p.bytes.size() == 172 && p.bytes[12] == fill && p.bytes[171] == fill;
      return n;
   };
   CHECK(carries(at_b, 0x11) >= 8);  // a's voice reaches b
   CHECK(carries(at_a, 0x22) >= 8);  // b's voice reaches a

   a.bye();
   REQUIRE(trunk.wait([&](const Recorded &) {
      return !trunk.calls_of(PORTIER_TRUNK_EV_ENDED, id_a).empty() && !trunk.calls_of(PORTIER_TRUNK_EV_ENDED, id_b).empty();
   }));
   bool b_got_bye = false;
   for (int st : b.statuses(2s)) b_got_bye = b_got_bye || st == -1;
   CHECK(b_got_bye);
}

TEST_CASE("a placed leg that SIPp answers is ANSWERED, one that is busy ENDS with 486") {
   const char *const kScenarios[] = {"uas_answer.xml", "uas_busy.xml"};
   for (const char *file : kScenarios) {
      DYNAMIC_SECTION(file) {
         Trunk trunk;
         TestSettings s;
         s.extra = pilots();
         Sipp phone({"-sf", scenario(file), "-i", "127.0.0.1", "-p", std::to_string(s.registrar_port), "-mp",
                     std::to_string(free_sipp_media_port()), "-m", "2", "-timeout", "20s"});
         std::this_thread::sleep_for(300ms);
         // The phone stands in for the PBX, so the trunk's REGISTER reaches it too: SIPp counts it
         // as one failed call and leaves it unanswered (the next attempt comes only after timer
         // F, 32 s), hence -m 2: that REGISTER and our leg.
         trunk.start(s.json());
         portier_error err = PORTIER_ERROR_INIT;
         REQUIRE(trunk.api().place_call(trunk.inst(), "leg-1", "+4989700200", "+4989700100", "4711", "", 0, 9,
                                        &err) == PORTIER_PENDING);
         auto r = trunk.result(9);
         REQUIRE(r);
         CHECK(r->status == PORTIER_OK);
         if (std::string(file) == "uas_answer.xml") {
            REQUIRE(trunk.wait([&](const Recorded &) { return !trunk.calls_of(PORTIER_TRUNK_EV_ANSWERED, "leg-1").empty(); }));
            CHECK(!trunk.calls_of(PORTIER_TRUNK_EV_PROGRESS, "leg-1").empty());
            REQUIRE(trunk.api().hangup(trunk.inst(), "leg-1", 10, &err) == PORTIER_PENDING);
            REQUIRE(trunk.wait([&](const Recorded &) { return !trunk.calls_of(PORTIER_TRUNK_EV_ENDED, "leg-1").empty(); }));
         } else {
            REQUIRE(trunk.wait([&](const Recorded &) { return !trunk.calls_of(PORTIER_TRUNK_EV_ENDED, "leg-1").empty(); }));
            CHECK(trunk.calls_of(PORTIER_TRUNK_EV_ENDED, "leg-1").front().value == 486);
         }
      }
   }
}
