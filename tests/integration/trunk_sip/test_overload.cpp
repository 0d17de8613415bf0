// SPDX-License-Identifier: GPL-3.0-or-later
// The issue's acceptance point on channels: 10 channels, ratio 3 -> 6 processing channels.
#include <memory>

#include <thread>

#include <catch2/catch.hpp>

#include "trunk_rig.h"
#include "trunk_settings.h"

using namespace trunktest;
using namespace std::chrono_literals;

namespace {

// Six held calls: each offered to the engine, none answered or ended.
std::vector<std::unique_ptr<RawUa>> hold_six(Trunk &trunk, std::uint16_t port) {
   std::vector<std::unique_ptr<RawUa>> held;
   for (int i = 0; i < 6; ++i) {
      held.push_back(std::make_unique<RawUa>());
      held.back()->invite(port, "+498970071" + std::to_string(i));
      const auto n = static_cast<std::size_t>(i + 1);
      REQUIRE(trunk.wait([n](const Recorded &r) { return r.incoming.size() == n; }));
   }
   return held;
}

}  // namespace

TEST_CASE("with 10 channels and ratio 3 the sixth call raises the alert and the seventh gets 486") {
   Trunk trunk;
   TestSettings s;
   s.extra = pilots();
   trunk.start(s.json());
   auto held = hold_six(trunk, s.sip_port);
   REQUIRE(trunk.wait([](const Recorded &r) { return !r.channels.empty() && r.channels.back().in_use == 6; }));
   CHECK(trunk.events().channels.back().total == 10);
   CHECK(trunk.plugin.host.logged("channel alert: 6 of 6"));
   RawUa seventh;
   seventh.invite(s.sip_port, "+4989700716");
   const auto seen = seventh.statuses();
   REQUIRE(!seen.empty());
   CHECK(seen.back() == 486);
   seventh.ack();
   // No held call was disturbed: none ended, and the first can still be answered.
   CHECK(trunk.calls_of(PORTIER_TRUNK_EV_ENDED).empty());
   CHECK(trunk.events().incoming.size() == 6);
   portier_error err = PORTIER_ERROR_INIT;
   REQUIRE(trunk.api().answer(trunk.inst(), trunk.events().incoming.front().call_id, 1, &err) == PORTIER_PENDING);
   std::vector<int> first;
   for (int round = 0; round < 3 && (first.empty() || first.back() != 200); ++round) {
      for (int st : held.front()->statuses(2s)) first.push_back(st);
   }
   REQUIRE(!first.empty());
   CHECK(first.back() == 200);
   held.front()->ack();
}

TEST_CASE("an entry with an overflow destination answers the seventh call with 302 to it") {
   Trunk trunk;
   TestSettings s;
   s.extra = pilots("+4989700555");
   trunk.start(s.json());
   auto held = hold_six(trunk, s.sip_port);
   RawUa seventh;
   seventh.invite(s.sip_port, "+4989700716");
   const auto seen = seventh.statuses();
   REQUIRE(!seen.empty());
   CHECK(seen.back() == 302);
   CHECK(seventh.last_final().find("Contact: <sip:+4989700555@") != std::string::npos);
   seventh.ack();
   CHECK(trunk.calls_of(PORTIER_TRUNK_EV_ENDED).empty());
}
