// SPDX-License-Identifier: GPL-3.0-or-later
// The event channel's answers: the next link, presence events (link only), subscription events,
// and the empty answer of a timeout.
#include <string>

#include <catch2/catch.hpp>

#include "ucwa_events.h"

using namespace portier::skype;

TEST_CASE("an event answer gives the next link and the presences that changed") {
   auto a = parse_events(R"({
      "_links": {"self": {"href": "/ucwa/oauth/v1/applications/301/events?ack=12"},
                 "next": {"href": "/ucwa/oauth/v1/applications/301/events?ack=13"}},
      "sender": [
        {"rel": "people", "href": "/ucwa/oauth/v1/applications/301/people",
         "events": [
           {"link": {"rel": "contactPresence", "href": "/ucwa/oauth/v1/applications/301/people/anna@example.org/presence"},
            "in": {"rel": "contact", "href": "/ucwa/oauth/v1/applications/301/people/anna@example.org"},
            "type": "updated"},
           {"link": {"rel": "presenceSubscription", "href": "/ucwa/oauth/v1/applications/301/people/presenceSubscriptions/c4f1"},
            "type": "updated"},
           {"link": {"rel": "presenceSubscription", "href": "/ucwa/oauth/v1/applications/301/people/presenceSubscriptions/c4f2"},
            "type": "deleted"},
           {"link": {"rel": "contactNote", "href": "/ucwa/oauth/v1/applications/301/people/anna@example.org/note"},
            "type": "updated"}]}]})");
   REQUIRE(a.ok());
   CHECK(a.value().next == "/ucwa/oauth/v1/applications/301/events?ack=13");
   REQUIRE(a.value().presence_hrefs.size() == 1);
   CHECK(a.value().presence_hrefs[0].find("anna@example.org/presence") != std::string::npos);
   REQUIRE(a.value().subscriptions_updated.size() == 1);
   CHECK(a.value().subscriptions_updated[0].find("c4f1") != std::string::npos);
   REQUIRE(a.value().subscriptions_deleted.size() == 1);
   CHECK(a.value().subscriptions_deleted[0].find("c4f2") != std::string::npos);
}

TEST_CASE("a timeout answer has only the next link") {
   auto a = parse_events(R"({"_links": {"self": {"href": "/e?ack=4"}, "next": {"href": "/e?ack=5"}}})");
   REQUIRE(a.ok());
   CHECK(a.value().next == "/e?ack=5");
   CHECK(a.value().presence_hrefs.empty());
   CHECK_FALSE(parse_events("").ok());
   CHECK_FALSE(parse_events("[]").ok());
}
