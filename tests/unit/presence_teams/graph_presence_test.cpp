// SPDX-License-Identifier: GPL-3.0-or-later
// Graph presence: the mapping table of docs/protocols/presence-calendar.md §0.1, the request body,
// the answer and the 650-id split.
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include <portier/kind/presence.h>

#include "graph_presence.h"

using namespace portier::teams;

namespace {

PortierPresence mapped(const std::string &availability, const std::string &activity, bool oof = false) {
   GraphPresence g;
   g.availability = availability;
   g.activity = activity;
   g.out_of_office = oof;
   return map_presence(g);
}

}  // namespace

TEST_CASE("availability values map to Portier's availability") {
   CHECK(mapped("Available", "Available").availability == PORTIER_AVAILABILITY_AVAILABLE);
   CHECK(mapped("AvailableIdle", "Inactive").availability == PORTIER_AVAILABILITY_AVAILABLE);
   CHECK(mapped("Busy", "Busy").availability == PORTIER_AVAILABILITY_BUSY);
   CHECK(mapped("BusyIdle", "Busy").availability == PORTIER_AVAILABILITY_BUSY);
   CHECK(mapped("DoNotDisturb", "DoNotDisturb").availability == PORTIER_AVAILABILITY_DND);
   CHECK(mapped("Away", "Away").availability == PORTIER_AVAILABILITY_AWAY);
   CHECK(mapped("Offline", "Offline").availability == PORTIER_AVAILABILITY_OFFLINE);
   CHECK(mapped("PresenceUnknown", "PresenceUnknown").availability == PORTIER_AVAILABILITY_UNKNOWN);
   CHECK(mapped("Focusing", "").availability == PORTIER_AVAILABILITY_DND);
}

TEST_CASE("activities keep the availability and add what the person does") {
   const PortierPresence call = mapped("Busy", "InACall");
   CHECK(call.availability == PORTIER_AVAILABILITY_BUSY);
   CHECK(call.activity == PORTIER_ACTIVITY_IN_A_CALL);
   CHECK(call.activity_text == "InACall");
   CHECK(mapped("Busy", "InAConferenceCall").activity == PORTIER_ACTIVITY_IN_A_CALL);
   CHECK(mapped("Busy", "InAMeeting").activity == PORTIER_ACTIVITY_IN_A_MEETING);
   CHECK(mapped("DoNotDisturb", "Presenting").activity == PORTIER_ACTIVITY_PRESENTING);
   CHECK(mapped("Offline", "OffWork").activity == PORTIER_ACTIVITY_OFF_WORK);
   CHECK(mapped("Offline", "OutOfOffice").activity == PORTIER_ACTIVITY_OUT_OF_OFFICE);
   CHECK(mapped("Away", "BeRightBack").activity == PORTIER_ACTIVITY_BE_RIGHT_BACK);
   CHECK(mapped("BeRightBack", "BeRightBack").availability == PORTIER_AVAILABILITY_AWAY);
   const PortierPresence urgent = mapped("DoNotDisturb", "UrgentInterruptionsOnly");
   CHECK(urgent.activity == PORTIER_ACTIVITY_OTHER);
   CHECK(urgent.activity_text == "UrgentInterruptionsOnly");
   // an activity that repeats the availability adds nothing
   CHECK(mapped("Available", "Available").activity == PORTIER_ACTIVITY_NONE);
   CHECK(mapped("Available", "Available").activity_text.empty());
}

TEST_CASE("values compare case-insensitively and either field may carry either list") {
   CHECK(mapped("busy", "inACall").activity == PORTIER_ACTIVITY_IN_A_CALL);
   const PortierPresence swapped = mapped("inAMeeting", "busy");
   CHECK(swapped.availability == PORTIER_AVAILABILITY_BUSY);
   CHECK(swapped.activity == PORTIER_ACTIVITY_IN_A_MEETING);
}

TEST_CASE("unknown values are unknown availability or an activity of its own words") {
   const PortierPresence odd = mapped("Sleeping", "Dreaming");
   CHECK(odd.availability == PORTIER_AVAILABILITY_UNKNOWN);
   CHECK(odd.activity == PORTIER_ACTIVITY_OTHER);
   CHECK(odd.activity_text == "Dreaming");
}

TEST_CASE("the out-of-office flag shows when the activity says nothing else") {
   CHECK(mapped("Available", "Available", true).activity == PORTIER_ACTIVITY_OUT_OF_OFFICE);
   CHECK(mapped("Busy", "InACall", true).activity == PORTIER_ACTIVITY_IN_A_CALL);
}

TEST_CASE("the presence answer is read by id, with the status message as note") {
   const auto parsed = parse_presence_answer(R"({"value":[
      {"id":"a","availability":"Busy","activity":"InACall","statusMessage":{"message":{"content":"back at 3","contentType":"text"}},
       "outOfOfficeSettings":{"message":null,"isOutOfOffice":false}},
      {"id":"b","availability":"Away","activity":"BeRightBack","statusMessage":null},
      {"availability":"Busy"}]})");
   REQUIRE(parsed.ok());
   REQUIRE(parsed.value().size() == 2);
   CHECK(parsed.value()[0].status_message == "back at 3");
   CHECK(map_presence(parsed.value()[0]).note == "back at 3");
   CHECK(parsed.value()[1].id == "b");
   CHECK_FALSE(parse_presence_answer("{\"values\":[]}").ok());
   CHECK_FALSE(parse_presence_answer("not json").ok());
}

TEST_CASE("ids are split into requests of at most 650") {
   std::vector<std::string> ids;
   for (int i = 0; i < 1301; ++i) ids.push_back(std::to_string(i));
   const auto parts = chunks_of(ids, kMaxIdsPerPresenceRequest);
   REQUIRE(parts.size() == 3);
   CHECK(parts[0].size() == 650);
   CHECK(parts[1].size() == 650);
   CHECK(parts[2].size() == 1);
   CHECK(parts[2][0] == "1300");
   CHECK(presence_request_body({"a", "b"}) == R"({"ids":["a","b"]})");
}

TEST_CASE("Graph's error code is read from both error shapes") {
   CHECK(graph_error_code(R"({"error":{"code":"InvalidAuthenticationToken","message":"x"}})") ==
         "InvalidAuthenticationToken");
   CHECK(graph_error_code(R"({"error":"invalid_grant"})") == "invalid_grant");
   CHECK(graph_error_code("<html>").empty());
}
