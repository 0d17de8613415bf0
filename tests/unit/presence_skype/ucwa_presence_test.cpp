// SPDX-License-Identifier: GPL-3.0-or-later
// UCWA presence: the §0.1 mapping of availability and activity tokens, the presence body, and the
// contact address a presence href names.
#include <string>

#include <catch2/catch.hpp>

#include <portier/kind/presence.h>

#include "ucwa_presence.h"

using namespace portier::skype;

namespace {

PortierPresence mapped(const std::string &availability, const std::string &activity = "") {
   return map_presence(UcwaPresence{availability, activity, ""});
}

}  // namespace

TEST_CASE("UCWA availability values map to Portier's availability") {
   CHECK(mapped("Online").availability == PORTIER_AVAILABILITY_AVAILABLE);
   CHECK(mapped("IdleOnline").availability == PORTIER_AVAILABILITY_AVAILABLE);
   CHECK(mapped("Busy").availability == PORTIER_AVAILABILITY_BUSY);
   CHECK(mapped("IdleBusy").availability == PORTIER_AVAILABILITY_BUSY);
   CHECK(mapped("DoNotDisturb").availability == PORTIER_AVAILABILITY_DND);
   CHECK(mapped("Away").availability == PORTIER_AVAILABILITY_AWAY);
   CHECK(mapped("Offline").availability == PORTIER_AVAILABILITY_OFFLINE);
   const PortierPresence brb = mapped("BeRightBack");
   CHECK(brb.availability == PORTIER_AVAILABILITY_AWAY);
   CHECK(brb.activity == PORTIER_ACTIVITY_BE_RIGHT_BACK);
   CHECK(mapped("Elsewhere").availability == PORTIER_AVAILABILITY_UNKNOWN);
   CHECK(mapped("").availability == PORTIER_AVAILABILITY_UNKNOWN);
}

TEST_CASE("activity tokens keep the availability and say what the person does") {
   const PortierPresence phone = mapped("Busy", "on-the-phone");
   CHECK(phone.availability == PORTIER_AVAILABILITY_BUSY);
   CHECK(phone.activity == PORTIER_ACTIVITY_IN_A_CALL);
   CHECK(phone.activity_text == "on-the-phone");
   CHECK(mapped("DoNotDisturb", "in-a-conference").activity == PORTIER_ACTIVITY_IN_A_CALL);
   CHECK(mapped("DoNotDisturb", "in-a-conference").availability == PORTIER_AVAILABILITY_DND);
   CHECK(mapped("Busy", "in-a-meeting").activity == PORTIER_ACTIVITY_IN_A_MEETING);
   CHECK(mapped("DoNotDisturb", "presenting").activity == PORTIER_ACTIVITY_PRESENTING);
   CHECK(mapped("Offline", "off-work").activity == PORTIER_ACTIVITY_OFF_WORK);
   const PortierPresence urgent = mapped("DoNotDisturb", "urgent-interruptions-only");
   CHECK(urgent.activity == PORTIER_ACTIVITY_OTHER);
   CHECK(urgent.activity_text == "urgent-interruptions-only");
   CHECK(mapped("BUSY", "In-A-Meeting").activity == PORTIER_ACTIVITY_IN_A_MEETING);
}

TEST_CASE("an activity that repeats the availability adds nothing, a localised one is other") {
   CHECK(mapped("Online", "Available").activity == PORTIER_ACTIVITY_NONE);
   CHECK(mapped("Online", "Available").activity_text.empty());
   CHECK(mapped("Away", "Away").activity == PORTIER_ACTIVITY_AWAY);
   const PortierPresence lunch = mapped("Away", "Zu Tisch");
   CHECK(lunch.availability == PORTIER_AVAILABILITY_AWAY);
   CHECK(lunch.activity == PORTIER_ACTIVITY_OTHER);
   CHECK(lunch.activity_text == "Zu Tisch");
}

TEST_CASE("the presence body and its self link") {
   auto p = parse_presence(R"({"availability": "DoNotDisturb", "activity": "in-a-conference", "deviceType": "PC",
      "lastActive": "/Date(1772440000000)/",
      "_links": {"self": {"href": "/ucwa/oauth/v1/applications/301/people/anna@example.org/presence"}}})");
   REQUIRE(p.ok());
   CHECK(p.value().availability == "DoNotDisturb");
   CHECK(p.value().activity == "in-a-conference");
   CHECK(address_from_href(p.value().self) == "anna@example.org");
   CHECK_FALSE(parse_presence("[1,2]").ok());
}

TEST_CASE("addresses from hrefs and keys") {
   CHECK(address_from_href("/ucwa/oauth/v1/applications/301/people/Anna@Example.org/presence") == "anna@example.org");
   CHECK(address_from_href("https://p/ucwa/x/people/sip:bert%40example.org") == "bert@example.org");
   CHECK(address_from_href("/ucwa/oauth/v1/applications/301/me").empty());
   CHECK(sip_uri_of("Anna@Example.org") == "sip:anna@example.org");
   CHECK(sip_uri_of("sip:anna@example.org") == "sip:anna@example.org");
   CHECK(sip_uri_of("").empty());
   CHECK(presence_path("/ucwa/oauth/v1/applications/301", "anna@example.org") ==
         "/ucwa/oauth/v1/applications/301/people/anna@example.org/presence");
}
