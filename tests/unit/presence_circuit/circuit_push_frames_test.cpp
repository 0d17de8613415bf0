// SPDX-License-Identifier: GPL-3.0-or-later
// The WebSocket event channel's frames as the SDK's source shows them (docs/protocols/
// presence-calendar.md §3.4, written here with our own ids): endpoint, SUBSCRIBE_PRESENCE,
// its RESPONSE and the presence change events.
#include <string>
#include <vector>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "circuit_push_frames.h"

using namespace portier::circuit;

TEST_CASE("the event channel is wss://{domain}/api with the token in the query") {
   const auto t = push_target("https://eu.yourcircuit.com", "tok/+=");
   REQUIRE(t.ok());
   CHECK(t.value().tls);
   CHECK(t.value().host == "eu.yourcircuit.com");
   CHECK(t.value().port == "443");
   CHECK(t.value().target == "/api?accessToken=tok%2F%2B%3D");
   const auto mock = push_target("http://127.0.0.1:18443", "t");
   REQUIRE(mock.ok());
   CHECK_FALSE(mock.value().tls);
   CHECK(mock.value().host == "127.0.0.1");
   CHECK(mock.value().port == "18443");
   CHECK(push_target("http://[::1]:9000", "t").value().host == "::1");
   CHECK_FALSE(push_target("https://eu.yourcircuit.com/base", "t").ok());
   CHECK_FALSE(push_target("ftp://x", "t").ok());
}

TEST_CASE("SUBSCRIBE_PRESENCE carries the request id and the user ids") {
   const auto frame = nlohmann::json::parse(subscribe_frame(7, {"u-1", "u-2"}));
   CHECK(frame["msgType"] == "REQUEST");
   CHECK(frame["request"]["requestId"] == 7);
   CHECK(frame["request"]["type"] == "USER");
   CHECK(frame["request"]["user"]["type"] == "SUBSCRIBE_PRESENCE");
   CHECK(frame["request"]["user"]["subscribePresence"]["userIds"] == nlohmann::json::array({"u-1", "u-2"}));
}

TEST_CASE("a subscription's RESPONSE gives its code and the current states") {
   const auto f = parse_push_frame(R"({"msgType":"RESPONSE","response":{"requestId":7,"code":"OK","type":"USER",
      "user":{"type":"SUBSCRIBE_PRESENCE","subscribePresence":{"states":[
        {"userId":"u-1","state":"BUSY"},{"userId":"u-2","state":"AWAY","inTransit":true}]}}}})");
   REQUIRE(f.ok());
   CHECK(f.value().kind == PushFrame::Kind::response);
   CHECK(f.value().request_id == 7);
   CHECK(f.value().code == "OK");
   REQUIRE(f.value().states.size() == 2);
   CHECK(f.value().states[1].in_transit);
   const auto limit = parse_push_frame(R"({"msgType":"RESPONSE","response":{"requestId":8,"code":"MAX_PRESENCE_SUBSCRIPTIONS"}})");
   REQUIRE(limit.ok());
   CHECK(limit.value().code == "MAX_PRESENCE_SUBSCRIPTIONS");
   CHECK(limit.value().states.empty());
}

TEST_CASE("USER_PRESENCE_CHANGE and the tenant-wide variant carry new states") {
   const auto one = parse_push_frame(R"({"msgType":"EVENT","event":{"type":"USER","user":{"type":"USER_PRESENCE_CHANGE",
      "presenceChanged":{"newState":{"userId":"u-3","state":"DND","statusMessage":"in surgery"}}}}})");
   REQUIRE(one.ok());
   CHECK(one.value().kind == PushFrame::Kind::presence);
   REQUIRE(one.value().states.size() == 1);
   CHECK(one.value().states[0].state == "DND");
   CHECK(one.value().states[0].status_message == "in surgery");
   const auto tenant = parse_push_frame(R"({"msgType":"EVENT","event":{"type":"USER","user":{"type":"TENANT_PRESENCE_CHANGE",
      "tenantPresenceChanged":{"newState":[{"userId":"u-4","state":"OFFLINE"},{"userId":"u-5","state":"AVAILABLE"}]}}}})");
   REQUIRE(tenant.ok());
   CHECK(tenant.value().states.size() == 2);
}

TEST_CASE("other frames are ignored and broken ones are errors") {
   const auto other = parse_push_frame(R"({"msgType":"EVENT","event":{"type":"CONVERSATION","conversation":{}}})");
   REQUIRE(other.ok());
   CHECK(other.value().kind == PushFrame::Kind::other);
   CHECK_FALSE(parse_push_frame("[1,2]").ok());
   CHECK_FALSE(parse_push_frame(R"({"event":{}})").ok());
   CHECK_FALSE(parse_push_frame("{").ok());
}
