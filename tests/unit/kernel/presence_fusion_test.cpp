// SPDX-License-Identifier: GPL-3.0-or-later
// Fusion of phone state and presence by precedence, and the stale mark (presence_fusion.h).
#include <catch2/catch.hpp>

#include <portier/kind/pbx.h>
#include <portier/kind/presence.h>

#include "kernel/presence_fusion.h"

using namespace portier::kernel;

namespace {

const PresenceConfig kDefaults;

PhonePart phone(std::int32_t state, bool stale = false, std::int64_t confirmed_us = 1000000) {
   return PhonePart{state, "pbx.osv", confirmed_us, stale};
}

PresencePart presence(std::int32_t availability, bool stale = false, std::int64_t confirmed_us = 2000000) {
   return PresencePart{availability, PORTIER_ACTIVITY_IN_A_MEETING, "", "back at 3", "presence.uc", confirmed_us, stale};
}

FusedState fused(std::optional<PhonePart> p, std::optional<PresencePart> q,
                 const std::vector<PrecedenceRule> &rules = kDefaults.precedence) {
   auto state = fuse(p, q, rules);
   REQUIRE(state);
   return *state;
}

}  // namespace

TEST_CASE("nothing known about a contact gives no state") {
   CHECK_FALSE(fuse(std::nullopt, std::nullopt, kDefaults.precedence));
}

TEST_CASE("a ringing, busy or held phone decides busy over any presence") {
   for (std::int32_t s : {PORTIER_PBX_DEVICE_RINGING, PORTIER_PBX_DEVICE_BUSY, PORTIER_PBX_DEVICE_HELD}) {
      const FusedState state = fused(phone(s), presence(PORTIER_AVAILABILITY_AVAILABLE));
      CHECK(state.summary == "busy");
      CHECK(state.from == StateFrom::phone);
      CHECK(state.presence);  // the other part is still shown
   }
}

TEST_CASE("an idle phone leaves the decision to a fresh presence") {
   const FusedState state = fused(phone(PORTIER_PBX_DEVICE_IDLE), presence(PORTIER_AVAILABILITY_AWAY));
   CHECK(state.summary == "away");
   CHECK(state.from == StateFrom::presence);
   CHECK_FALSE(state.stale);
}

TEST_CASE("an idle phone decides available when presence is stale") {
   const FusedState state = fused(phone(PORTIER_PBX_DEVICE_IDLE), presence(PORTIER_AVAILABILITY_DND, true));
   CHECK(state.summary == "available");
   CHECK(state.from == StateFrom::phone);
   CHECK(state.presence->stale);
}

TEST_CASE("only a stale presence: it still decides, marked stale") {
   const FusedState state = fused(std::nullopt, presence(PORTIER_AVAILABILITY_BUSY, true));
   CHECK(state.summary == "busy");
   CHECK(state.from == StateFrom::presence);
   CHECK(state.stale);
}

TEST_CASE("a presence of unknown availability does not decide") {
   const FusedState state = fused(phone(PORTIER_PBX_DEVICE_IDLE), presence(PORTIER_AVAILABILITY_UNKNOWN));
   CHECK(state.summary == "available");
   CHECK(state.from == StateFrom::phone);
}

TEST_CASE("a phone in do-not-disturb decides dnd, forwarded is away, out of service offline") {
   CHECK(fused(phone(PORTIER_PBX_DEVICE_DND), presence(PORTIER_AVAILABILITY_AVAILABLE)).summary == "dnd");
   CHECK(fused(phone(PORTIER_PBX_DEVICE_FORWARDED), std::nullopt).summary == "away");
   CHECK(fused(phone(PORTIER_PBX_DEVICE_OUT_OF_SERVICE), std::nullopt).summary == "offline");
}

TEST_CASE("a configured precedence puts presence before the phone") {
   const std::vector<PrecedenceRule> rules{PrecedenceRule::presence, PrecedenceRule::phone};
   const FusedState state = fused(phone(PORTIER_PBX_DEVICE_BUSY), presence(PORTIER_AVAILABILITY_AVAILABLE), rules);
   CHECK(state.summary == "available");
   CHECK(state.from == StateFrom::presence);
}

TEST_CASE("when no rule applies the summary is unknown, from the part there is") {
   const std::vector<PrecedenceRule> rules{PrecedenceRule::presence};
   const FusedState state = fused(phone(PORTIER_PBX_DEVICE_IDLE), std::nullopt, rules);
   CHECK(state.summary == "unknown");
   CHECK(state.from == StateFrom::phone);
}

TEST_CASE("any_stale picks the part confirmed last") {
   const std::vector<PrecedenceRule> rules{PrecedenceRule::any_stale};
   CHECK(fused(phone(PORTIER_PBX_DEVICE_IDLE, true, 5), presence(PORTIER_AVAILABILITY_AWAY, true, 9), rules).from ==
         StateFrom::presence);
   CHECK(fused(phone(PORTIER_PBX_DEVICE_IDLE, true, 9), presence(PORTIER_AVAILABILITY_AWAY, true, 5), rules).from ==
         StateFrom::phone);
}

TEST_CASE("a part is stale from stale_after after its confirmation") {
   CHECK_FALSE(is_stale(0, 899999999, 900));
   CHECK(is_stale(0, 900000000, 900));
}

TEST_CASE("the state object follows the client API contract") {
   const FusedState state = fused(phone(PORTIER_PBX_DEVICE_IDLE), presence(PORTIER_AVAILABILITY_AWAY));
   const nlohmann::json j = to_json(state, 1764430000000);
   CHECK(j["summary"] == "away");
   CHECK(j["from"] == "presence");
   CHECK(j["stale"] == false);
   CHECK(j["phone"] == nlohmann::json{{"state", "idle"}, {"source", "pbx.osv"}, {"confirmed_ms", 1764430001000},
                                      {"stale", false}});
   CHECK(j["presence"] == nlohmann::json{{"availability", "away"},
                                         {"activity", "in_a_meeting"},
                                         {"activity_text", ""},
                                         {"note", "back at 3"},
                                         {"source", "presence.uc"},
                                         {"confirmed_ms", 1764430002000},
                                         {"stale", false}});
   CHECK_FALSE(to_json(fused(phone(PORTIER_PBX_DEVICE_IDLE), std::nullopt), 0).contains("presence"));
}
