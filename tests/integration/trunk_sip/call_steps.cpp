// SPDX-License-Identifier: GPL-3.0-or-later
#include "call_steps.h"

#include <catch2/catch.hpp>

#include "trunk_settings.h"

namespace trunktest {

bool saw(Trunk &trunk, std::uint16_t type, const std::string &call_id) { return !trunk.calls_of(type, call_id).empty(); }

portier_trunk_incoming_event answer_first(Trunk &trunk, const char *media) {
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
   return in;
}

std::string waiting_caller(Trunk &trunk, RawUa &caller, std::uint16_t sip_port, const char *music) {
   caller.invite(sip_port, kPilot);
   REQUIRE(trunk.wait([](const Recorded &r) { return !r.incoming.empty(); }));
   const std::string in = trunk.events().incoming.front().call_id;
   portier_error err = PORTIER_ERROR_INIT;
   REQUIRE(trunk.api().answer(trunk.inst(), in.c_str(), 1, &err) == PORTIER_PENDING);
   REQUIRE(caller.statuses().back() == 200);
   caller.ack();
   if (music != nullptr) {
      REQUIRE(trunk.api().play(trunk.inst(), in.c_str(), music, PORTIER_TRUNK_PLAY_LOOP, 2, &err) == PORTIER_PENDING);
   }
   return in;
}

}  // namespace trunktest
