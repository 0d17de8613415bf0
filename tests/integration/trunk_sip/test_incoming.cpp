// SPDX-License-Identifier: GPL-3.0-or-later
// Incoming calls: who calls whom, the pilot call end to end with SIPp, and the refusals.
#include <catch2/catch.hpp>

#include "sip_identity.h"
#include "trunk_rig.h"
#include "trunk_settings.h"

using namespace trunktest;
using namespace std::chrono_literals;

TEST_CASE("the caller comes from P-Asserted-Identity, else From, with its display name") {
   portier::trunk::IdentityHeaders h;
   h.request_uri = "sip:+4989700710@127.0.0.1;user=phone";
   h.from = "\"Alice\" <sip:+4930111@pbx>;tag=1";
   auto who = portier::trunk::read_identity(h);
   CHECK(who.called == "+4989700710");
   CHECK(who.caller == "+4930111");
   CHECK(who.caller_name == "Alice");
   CHECK(who.original_called == "+4989700710");
   h.asserted_identity = {"\"Bob\" <sip:%2B4930222@pbx>"};
   who = portier::trunk::read_identity(h);
   CHECK(who.caller == "+4930222");
   CHECK(who.caller_name == "Bob");
}

TEST_CASE("Diversion headers give the last diverting number, the first dialled one and the reason") {
   portier::trunk::IdentityHeaders h;
   h.request_uri = "sip:+4989700710@pbx";
   h.from = "<sip:+4930111@pbx>";
   h.diversion = {"<sip:+4989700200@pbx>;reason=user-busy;counter=1, <sip:+4989700100@pbx>;reason=unconditional"};
   const auto who = portier::trunk::read_identity(h);
   CHECK(who.diverted_from == "+4989700200");
   CHECK(who.original_called == "+4989700100");
   CHECK(who.diversion_reason == 2);
}

TEST_CASE("History-Info gives the first dialled number and the last diverting one with its cause") {
   portier::trunk::IdentityHeaders h;
   h.request_uri = "sip:+4989700710@pbx";
   h.from = "<sip:+4930111@pbx>";
   h.history_info = {"<sip:+4989700100@pbx>;index=1",
                     "<sip:+4989700200@pbx?Reason=SIP%3Bcause%3D408>;index=1.1",
                     "<sip:+4989700710@pbx>;index=1.1.1"};
   const auto who = portier::trunk::read_identity(h);
   CHECK(who.original_called == "+4989700100");
   CHECK(who.diverted_from == "+4989700200");
   CHECK(who.diversion_reason == 3);
}

TEST_CASE("a pilot call from SIPp reaches the engine, is answered, hears a WAV and ends with the caller's BYE") {
   Trunk trunk;
   TestSettings s;
   const std::string wav = write_wav("pilot.wav", test_tone(8000));
   s.extra = pilots() + ",\"media\":[{\"id\":\"welcome\",\"file\":\"" + wav + "\"}]";
   trunk.start(s.json());
   Sipp caller({"-sf", scenario("uac_pilot_call.xml"), "-s", kPilot, "127.0.0.1:" + std::to_string(s.sip_port),
                "-i", "127.0.0.1", "-p", std::to_string(free_udp_port()), "-mp", std::to_string(free_sipp_media_port()),
                "-m", "1", "-timeout", "20s", "-set", "hold_ms", "1500"});
   REQUIRE(trunk.wait([](const Recorded &r) { return !r.incoming.empty(); }));
   const auto in = trunk.events().incoming.front();
   CHECK(std::string(in.called) == kPilot);
   CHECK(std::string(in.caller) == "caller");
   CHECK(std::string(in.caller_name) == "SIPp caller");
   portier_error err = PORTIER_ERROR_INIT;
   REQUIRE(trunk.api().ring(trunk.inst(), in.call_id, 1, &err) == PORTIER_PENDING);
   REQUIRE(trunk.api().answer(trunk.inst(), in.call_id, 2, &err) == PORTIER_PENDING);
   REQUIRE(trunk.api().play(trunk.inst(), in.call_id, "welcome", 0, 3, &err) == PORTIER_PENDING);
   for (std::uint64_t c : {1, 2, 3}) {
      auto r = trunk.result(c);
      REQUIRE(r);
      CHECK(r->status == PORTIER_OK);
   }
   REQUIRE(trunk.wait([&](const Recorded &) { return !trunk.calls_of(PORTIER_TRUNK_EV_ENDED, in.call_id).empty(); }));
   CHECK(caller.wait(10s) == 0);
   // The WAV lasts 1 s and the call 1.5 s: it played to its end.
   CHECK(trunk.calls_of(PORTIER_TRUNK_EV_MEDIA_DONE, in.call_id).size() == 1);
}

TEST_CASE("a call to an unknown number gets 404 and never reaches the engine") {
   Trunk trunk;
   TestSettings s;
   s.extra = pilots();
   trunk.start(s.json());
   RawUa ua;
   ua.invite(s.sip_port, "+4989700999");
   const auto seen = ua.statuses();
   REQUIRE(!seen.empty());
   CHECK(seen.back() == 404);
   ua.ack();
   CHECK(trunk.events().incoming.empty());
}

TEST_CASE("a call offering only an unknown codec gets 488") {
   Trunk trunk;
   TestSettings s;
   s.extra = pilots();
   trunk.start(s.json());
   RawUa ua;
   ua.invite(s.sip_port, kPilot, "18");
   const auto seen = ua.statuses();
   REQUIRE(!seen.empty());
   CHECK(seen.back() == 488);
   ua.ack();
   CHECK(trunk.events().incoming.empty());
}

TEST_CASE("the engine's reject refuses the call with its status and ENDED follows") {
   Trunk trunk;
   TestSettings s;
   s.extra = pilots();
   trunk.start(s.json());
   RawUa ua;
   ua.invite(s.sip_port, kPilot);
   REQUIRE(trunk.wait([](const Recorded &r) { return !r.incoming.empty(); }));
   const std::string id = trunk.events().incoming.front().call_id;
   portier_error err = PORTIER_ERROR_INIT;
   REQUIRE(trunk.api().reject(trunk.inst(), id.c_str(), 603, 7, &err) == PORTIER_PENDING);
   const auto seen = ua.statuses();
   REQUIRE(!seen.empty());
   CHECK(seen.back() == 603);
   ua.ack();
   REQUIRE(trunk.wait([&](const Recorded &) { return !trunk.calls_of(PORTIER_TRUNK_EV_ENDED, id).empty(); }));
   CHECK(trunk.calls_of(PORTIER_TRUNK_EV_ENDED, id).front().value == 603);
}

TEST_CASE("the loop number is answered by the trunk itself and never offered to the engine") {
   Trunk trunk;
   TestSettings s;
   s.extra = pilots();
   trunk.start(s.json());
   RawUa ua;
   ua.invite(s.sip_port, "+4989700799");
   const auto seen = ua.statuses();
   REQUIRE(!seen.empty());
   CHECK(seen.back() == 200);
   ua.ack();
   // The trunk hangs up after a few seconds of the host clock.
   REQUIRE(trunk.wait([&](const Recorded &) { return trunk.plugin.host.logged(": ACK"); }));
   trunk.plugin.host.advance(6000);
   bool bye = false;
   trunk.wait([&](const Recorded &) {
      for (int s : ua.statuses(10ms)) bye = bye || s == -1;
      return bye;
   }, 10s);
   CHECK(bye);
   CHECK(trunk.events().incoming.empty());
}

TEST_CASE("commands on an unknown call complete with NOT_FOUND") {
   Trunk trunk;
   TestSettings s;
   s.extra = pilots();
   trunk.start(s.json());
   portier_error err = PORTIER_ERROR_INIT;
   REQUIRE(trunk.api().answer(trunk.inst(), "in-99", 5, &err) == PORTIER_PENDING);
   auto r = trunk.result(5);
   REQUIRE(r);
   CHECK(r->status == PORTIER_ERR_NOT_FOUND);
   CHECK(trunk.api().answer(trunk.inst(), "", 6, &err) == PORTIER_ERR_INVALID);
}

TEST_CASE("config mode runs without a trunk, says so, and refuses calls with 503") {
   Trunk trunk;
   const std::uint16_t port = free_udp_port();
   trunk.start("{\"mode\":\"config\",\"listen\":{\"address\":\"127.0.0.1\",\"port\":" + std::to_string(port) + "}}");
   REQUIRE(trunk.wait([&](const Recorded &) { return trunk.state() == PORTIER_STATE_RUNNING; }));
   CHECK(trunk.reason().find("config mode") != std::string::npos);
   RawUa ua;
   ua.invite(port, kPilot);
   const auto seen = ua.statuses();
   REQUIRE(!seen.empty());
   CHECK(seen.back() == 503);
   ua.ack();
   portier_error err = PORTIER_ERROR_INIT;
   CHECK(trunk.api().place_call(trunk.inst(), "leg-1", "+4989700200", "+4989700100", "", "", 0, 1, &err) ==
         PORTIER_ERR_UNAVAILABLE);
}
