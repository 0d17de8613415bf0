// SPDX-License-Identifier: GPL-3.0-or-later
// presence.uc's mapping of <presence> stanzas to Portier states (RFC 6121 <show>, type
// unavailable and error), and the choice among a person's resources.
#include <catch2/catch.hpp>

#include <portier/kind/presence.h>

#include "presence_state.h"

using namespace portier::uc;

namespace {

PresenceStanza available(const std::string &from, const std::string &show = "", const std::string &status = "",
                         int priority = 0) {
   return PresenceStanza{from, "", show, status, priority};
}

PresenceStanza unavailable(const std::string &from) { return PresenceStanza{from, "unavailable", "", "", 0}; }

}  // namespace

TEST_CASE("each <show> value maps to its availability") {
   CHECK(from_show("", "").availability == PORTIER_AVAILABILITY_AVAILABLE);
   CHECK(from_show("chat", "").availability == PORTIER_AVAILABILITY_AVAILABLE);
   CHECK(from_show("away", "").availability == PORTIER_AVAILABILITY_AWAY);
   CHECK(from_show("away", "").activity == PORTIER_ACTIVITY_NONE);
   CHECK(from_show("xa", "").availability == PORTIER_AVAILABILITY_AWAY);
   CHECK(from_show("xa", "").activity == PORTIER_ACTIVITY_OTHER);
   CHECK(from_show("xa", "").activity_text == "extended away");
   CHECK(from_show("dnd", "In a meeting until 11:00").availability == PORTIER_AVAILABILITY_DND);
   CHECK(from_show("dnd", "In a meeting until 11:00").note == "In a meeting until 11:00");
   CHECK(from_show("sleeping", "").availability == PORTIER_AVAILABILITY_UNKNOWN);
}

TEST_CASE("a JID with no resource left is offline") {
   JidPresence p;
   CHECK(p.state().availability == PORTIER_AVAILABILITY_OFFLINE);
   REQUIRE(p.apply(available("anna@uc/desk", "dnd", "busy")));
   CHECK(p.state().availability == PORTIER_AVAILABILITY_DND);
   REQUIRE(p.apply(unavailable("anna@uc/desk")));
   CHECK(p.state().availability == PORTIER_AVAILABILITY_OFFLINE);
   CHECK(p.state().note.empty());
}

TEST_CASE("the highest priority resource wins, then the most available") {
   JidPresence p;
   p.apply(available("anna@uc/phone", "away", "", 5));
   p.apply(available("anna@uc/desk", "", "", 1));
   CHECK(p.state().availability == PORTIER_AVAILABILITY_AWAY);
   p.apply(available("anna@uc/desk", "", "", 5));
   CHECK(p.state().availability == PORTIER_AVAILABILITY_AVAILABLE);
   p.apply(unavailable("anna@uc/desk"));
   CHECK(p.state().availability == PORTIER_AVAILABILITY_AWAY);
}

TEST_CASE("a bare-JID unavailable ends every resource") {
   JidPresence p;
   p.apply(available("anna@uc/phone"));
   p.apply(available("anna@uc/desk"));
   p.apply(unavailable("anna@uc"));
   CHECK(p.state().availability == PORTIER_AVAILABILITY_OFFLINE);
}

TEST_CASE("an error presence makes the state unknown until the next presence") {
   JidPresence p;
   p.apply(available("anna@uc/desk"));
   REQUIRE(p.apply(PresenceStanza{"anna@uc", "error", "", "", 0}));
   CHECK(p.state().availability == PORTIER_AVAILABILITY_UNKNOWN);
   p.apply(available("anna@uc/desk", "chat"));
   CHECK(p.state().availability == PORTIER_AVAILABILITY_AVAILABLE);
}

TEST_CASE("subscription stanzas leave the state as it was") {
   JidPresence p;
   p.apply(available("anna@uc/desk", "away"));
   CHECK_FALSE(p.apply(PresenceStanza{"anna@uc", "subscribed", "", "", 0}));
   CHECK_FALSE(p.apply(PresenceStanza{"anna@uc", "subscribe", "", "", 0}));
   CHECK(p.state().availability == PORTIER_AVAILABILITY_AWAY);
}

TEST_CASE("priorities are read leniently and clamped") {
   CHECK(parse_priority("5") == 5);
   CHECK(parse_priority("-1") == -1);
   CHECK(parse_priority("+3") == 3);
   CHECK(parse_priority("300") == 127);
   CHECK(parse_priority("-999999999999999999999") == -128);
   CHECK(parse_priority("high") == 0);
   CHECK(parse_priority("") == 0);
}
