// SPDX-License-Identifier: GPL-3.0-or-later
// Circuit presence: the mapping of docs/protocols/presence-calendar.md §0.1, the bulk read's URL,
// the answer (Presence objects as §3.2 shows them, written here with our own ids) and the split.
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include <portier/kind/presence.h>

#include "circuit_presence.h"

using namespace portier::circuit;

namespace {

PortierPresence mapped(const std::string &state) {
   CircuitPresence p;
   p.state = state;
   return map_presence(p);
}

}  // namespace

TEST_CASE("Circuit's five states map onto the availability of the same name, in any case") {
   CHECK(mapped("AVAILABLE").availability == PORTIER_AVAILABILITY_AVAILABLE);
   CHECK(mapped("AWAY").availability == PORTIER_AVAILABILITY_AWAY);
   CHECK(mapped("BUSY").availability == PORTIER_AVAILABILITY_BUSY);
   CHECK(mapped("DND").availability == PORTIER_AVAILABILITY_DND);
   CHECK(mapped("OFFLINE").availability == PORTIER_AVAILABILITY_OFFLINE);
   CHECK(mapped("busy").availability == PORTIER_AVAILABILITY_BUSY);
   CHECK(mapped("AVAILABLE").activity == PORTIER_ACTIVITY_NONE);
}

TEST_CASE("an unknown state is unknown and keeps its text") {
   const PortierPresence p = mapped("LUNCH");
   CHECK(p.availability == PORTIER_AVAILABILITY_UNKNOWN);
   CHECK(p.activity == PORTIER_ACTIVITY_OTHER);
   CHECK(p.activity_text == "LUNCH");
}

TEST_CASE("a user who opted out of presence is unknown, not offline, and shows no note") {
   CircuitPresence p;
   p.state = "AVAILABLE";
   p.opted_out = true;
   p.status_message = "hidden";
   CHECK(map_presence(p) == PortierPresence{});
}

TEST_CASE("the mobile and in-transit flags become an activity text beside the availability") {
   CircuitPresence p;
   p.state = "AVAILABLE";
   p.mobile = true;
   CHECK(map_presence(p).activity == PORTIER_ACTIVITY_OTHER);
   CHECK(map_presence(p).activity_text == "mobile");
   p.in_transit = true;
   CHECK(map_presence(p).activity_text == "in-transit");
   CHECK(map_presence(p).availability == PORTIER_AVAILABILITY_AVAILABLE);
}

TEST_CASE("the bulk read repeats userIds and encodes each value") {
   CHECK(presence_url("https://eu.yourcircuit.com", {"a1", "b 2", "c@x.org"}) ==
         "https://eu.yourcircuit.com/rest/v2/users/presence?userIds=a1&userIds=b%202&userIds=c%40x.org");
}

TEST_CASE("the answer's Presence objects are read with state, flags, note and dndUntil") {
   const std::string body = R"([
      {"userId":"5e0c1a2b-7d3f-4e6a-8b9c-101112131415","state":"DND","dndUntil":1772449200000,
       "inTransit":false,"mobile":false,"poor":false,"isOptedOut":false,
       "statusMessage":"On the front desk until noon","locationText":"Hamburg","latitude":53.55,
       "longitude":9.99,"timeZoneOffset":-60},
      {"userId":"9a8b7c6d-0000-4111-8222-333344445555","state":"AWAY","mobile":true,"isOptedOut":false},
      {"state":"BUSY"},
      "garbage"])";
   const auto answer = parse_presence_answer(body);
   REQUIRE(answer.ok());
   REQUIRE(answer.value().size() == 2);
   const CircuitPresence &first = answer.value()[0];
   CHECK(first.user_id == "5e0c1a2b-7d3f-4e6a-8b9c-101112131415");
   CHECK(first.state == "DND");
   CHECK(first.dnd_until_ms == 1772449200000);
   CHECK(first.status_message == "On the front desk until noon");
   const PortierPresence p = map_presence(first);
   CHECK(p.availability == PORTIER_AVAILABILITY_DND);
   CHECK(p.note == "On the front desk until noon");
   CHECK(answer.value()[1].mobile);
}

TEST_CASE("an answer that is not a JSON array is an error") {
   CHECK_FALSE(parse_presence_answer(R"({"presence":[]})").ok());
   CHECK_FALSE(parse_presence_answer("not json").ok());
   CHECK(parse_presence_answer("[]").ok());
}

TEST_CASE("ids are cut into batches of the configured size") {
   std::vector<std::string> ids;
   for (int i = 0; i < 250; ++i) ids.push_back("u" + std::to_string(i));
   const auto chunks = chunks_of(ids, 100);
   REQUIRE(chunks.size() == 3);
   CHECK(chunks[0].size() == 100);
   CHECK(chunks[2].size() == 50);
   CHECK(chunks[2].back() == "u249");
}

TEST_CASE("Circuit's error text is read from the fields it uses") {
   CHECK(circuit_error_text(R"({"errorCode":"AUTHORIZATION_FAILED","errorDescription":"token expired"})") == "token expired");
   CHECK(circuit_error_text(R"({"error":"invalid_client","error_description":"bad secret"})") == "bad secret");
   CHECK(circuit_error_text("<html/>").empty());
}
