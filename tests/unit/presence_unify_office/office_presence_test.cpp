// SPDX-License-Identifier: GPL-3.0-or-later
// RingCentral presence: the batch path, 207 and plain answers, partial failures, and the mapping
// table of docs/protocols/presence-calendar.md §0.1.
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include <portier/kind/presence.h>

#include "office_presence.h"

using namespace portier::office;

namespace {
OfficePresence rc(std::string presence, std::string dnd = "TakeAllCalls", std::string telephony = "NoCall",
                  std::string meeting = "Disconnected") {
   return OfficePresence{std::move(presence), std::move(dnd), std::move(telephony), std::move(meeting), ""};
}
}  // namespace

TEST_CASE("presenceStatus gives the availability") {
   CHECK(map_presence(rc("Available")).availability == PORTIER_AVAILABILITY_AVAILABLE);
   CHECK(map_presence(rc("busy")).availability == PORTIER_AVAILABILITY_BUSY);
   CHECK(map_presence(rc("Offline")).availability == PORTIER_AVAILABILITY_OFFLINE);
   CHECK(map_presence(rc("")).availability == PORTIER_AVAILABILITY_UNKNOWN);
   CHECK(map_presence(rc("Available")).activity == PORTIER_ACTIVITY_NONE);
}

TEST_CASE("a connected, held or parked call makes the extension busy in a call") {
   for (const char *t : {"CallConnected", "OnHold", "ParkedCall"}) {
      const PortierPresence p = map_presence(rc("Available", "TakeAllCalls", t));
      CHECK(p.availability == PORTIER_AVAILABILITY_BUSY);
      CHECK(p.activity == PORTIER_ACTIVITY_IN_A_CALL);
      CHECK(p.activity_text == t);
   }
}

TEST_CASE("ringing keeps the availability, a meeting makes it busy") {
   const PortierPresence ringing = map_presence(rc("Available", "TakeAllCalls", "Ringing"));
   CHECK(ringing.availability == PORTIER_AVAILABILITY_AVAILABLE);
   CHECK(ringing.activity == PORTIER_ACTIVITY_OTHER);
   CHECK(ringing.activity_text == "Ringing");
   const PortierPresence meeting = map_presence(rc("Available", "TakeAllCalls", "NoCall", "Connected"));
   CHECK(meeting.availability == PORTIER_AVAILABILITY_BUSY);
   CHECK(meeting.activity == PORTIER_ACTIVITY_IN_A_MEETING);
}

TEST_CASE("DoNotAcceptAnyCalls overrides everything, department modes only add an activity") {
   CHECK(map_presence(rc("Available", "DoNotAcceptAnyCalls", "CallConnected")).availability == PORTIER_AVAILABILITY_DND);
   const PortierPresence dept = map_presence(rc("Available", "DoNotAcceptDepartmentCalls"));
   CHECK(dept.availability == PORTIER_AVAILABILITY_AVAILABLE);
   CHECK(dept.activity == PORTIER_ACTIVITY_OTHER);
   CHECK(dept.activity_text == "DoNotAcceptDepartmentCalls");
}

TEST_CASE("the batch path lists the ids and asks for the detailed telephony state") {
   CHECK(presence_path({"1", "22", "333"}) == "/restapi/v1.0/account/~/extension/1,22,333/presence?detailedTelephonyState=true");
}

TEST_CASE("ids are cut into reads of at most 30") {
   std::vector<std::string> ids;
   for (int i = 0; i < 61; ++i) ids.push_back(std::to_string(i));
   const auto chunks = chunks_of(ids, kMaxIdsPerPresenceRequest);
   REQUIRE(chunks.size() == 3);
   CHECK(chunks[0].size() == 30);
   CHECK(chunks[1].size() == 30);
   CHECK(chunks[2].size() == 1);
   CHECK(chunks[2][0] == "60");
}

TEST_CASE("a 207 answer gives one part per id, failures with their error code") {
   const auto parts = parse_presence_answer(R"([
      {"resourceId":"401","status":200,"body":{"presenceStatus":"Busy","telephonyStatus":"OnHold","message":"desk"}},
      {"resourceId":402,"status":404,"body":{"errorCode":"CMN-102","message":"not found"}},
      {"status":200,"body":{}}])");
   REQUIRE(parts.ok());
   REQUIRE(parts.value().size() == 2);
   CHECK(parts.value()[0].id == "401");
   CHECK(parts.value()[0].presence.telephony_status == "OnHold");
   CHECK(parts.value()[0].presence.message == "desk");
   CHECK(parts.value()[1].id == "402");
   CHECK(parts.value()[1].status == 404);
   CHECK(parts.value()[1].error_code == "CMN-102");
}

TEST_CASE("a plain answer for one id is one part named by extension.id") {
   const auto parts = parse_presence_answer(R"({"extension":{"id":401234567008,"extensionNumber":"208"},"presenceStatus":"Offline"})");
   REQUIRE(parts.ok());
   REQUIRE(parts.value().size() == 1);
   CHECK(parts.value()[0].id == "401234567008");
   CHECK(parts.value()[0].status == 200);
   CHECK_FALSE(parse_presence_answer("[1").ok());
   CHECK_FALSE(parse_presence_answer(R"({"presenceStatus":"Busy"})").ok());
}

TEST_CASE("error codes come from errorCode, or error at the token endpoint") {
   CHECK(error_code(R"({"errorCode":"CMN-301","message":"Request rate exceeded"})") == "CMN-301");
   CHECK(error_code(R"({"error":"invalid_grant"})") == "invalid_grant");
   CHECK(error_code("<html>").empty());
}
