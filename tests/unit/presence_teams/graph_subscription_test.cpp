// SPDX-License-Identifier: GPL-3.0-or-later
// presence.teams's change notifications: subscription bodies and answers, Graph's UTC text,
// deliveries, the renewal time, and the notification settings.
#include <string>

#include <catch2/catch.hpp>

#include "graph_subscription.h"
#include "teams_settings.h"

using namespace portier::teams;
using Catch::Matchers::Contains;

TEST_CASE("a presence subscription's resource filters on the ids given") {
   CHECK(subscription_resource({"a1", "b2"}) == "/communications/presences?$filter=id in ('a1','b2')");
}

TEST_CASE("the create body asks for updated, without resource data, with the clientState") {
   const std::string body = subscription_create_body(
       {"/communications/presences?$filter=id in ('a')", "https://h/n", "https://h/lifecycle", 1772448300, "k7Qw"});
   CHECK_THAT(body, Contains(R"("changeType":"updated")"));
   CHECK_THAT(body, Contains(R"("clientState":"k7Qw")"));
   CHECK_THAT(body, Contains(R"("expirationDateTime":"2026-03-02T10:45:00.0000000Z")"));
   CHECK_THAT(body, Contains(R"("includeResourceData":false)"));
   CHECK_THAT(body, Contains(R"("lifecycleNotificationUrl":"https://h/lifecycle")"));
   CHECK(subscription_renew_body(1772448300) == R"({"expirationDateTime":"2026-03-02T10:45:00.0000000Z"})");
}

TEST_CASE("Graph's UTC text reads back, with or without a fraction") {
   CHECK(parse_graph_utc("2026-03-02T10:45:00.0000000Z") == 1772448300);
   CHECK(parse_graph_utc("2026-03-02T10:45:00Z") == 1772448300);
   CHECK(parse_graph_utc("2026-03-02T10:45:00+00:00") == 1772448300);
   CHECK_FALSE(parse_graph_utc("2026-03-02 10:45:00Z"));
   CHECK_FALSE(parse_graph_utc("2026-13-02T10:45:00Z"));
   CHECK_FALSE(parse_graph_utc("2026-03-02T10:45:00+02:00"));
}

TEST_CASE("a subscription answer gives its id and the expiry granted") {
   auto a = parse_subscription_answer(R"({"id":"5e0b","expirationDateTime":"2026-03-02T10:45:00Z"})");
   REQUIRE(a.ok());
   CHECK(a.value().id == "5e0b");
   CHECK(a.value().expiry_unix_s == 1772448300);
   CHECK_FALSE(parse_subscription_answer(R"({"id":"5e0b"})").ok());
   CHECK_FALSE(parse_subscription_answer("not json").ok());
}

TEST_CASE("a delivery gives each item's subscription, clientState and user id or lifecycle event") {
   auto items = parse_webhook_body(R"({"value":[
      {"subscriptionId":"s1","clientState":"k","resource":"communications/presences/u1","resourceData":{"id":"u1"}},
      {"subscriptionId":"s2","clientState":"k","resource":"communications/presences/u2"},
      {"subscriptionId":"s1","clientState":"k","lifecycleEvent":"missed"}, 7]})");
   REQUIRE(items.ok());
   REQUIRE(items.value().size() == 3);
   CHECK(items.value()[0].user_id == "u1");
   CHECK(items.value()[1].user_id == "u2");
   CHECK(items.value()[1].subscription_id == "s2");
   CHECK(items.value()[2].lifecycle_event == "missed");
   CHECK(items.value()[2].user_id.empty());
   CHECK_FALSE(parse_webhook_body(R"({"values":[]})").ok());
}

TEST_CASE("a subscription is renewed the margin before expiry, at most half its lifetime early") {
   CHECK(renew_at_unix_s(1000, 1000 + 3600, 600) == 1000 + 3000);
   CHECK(renew_at_unix_s(1000, 1006, 600) == 1003);
}

TEST_CASE("the notification settings: listener port required, lifecycle URL derived, lifetimes bounded") {
   const std::string base = R"("tenant_id":"contoso.onmicrosoft.com","client_id":"7d1c","auth_flow":"password",)"
                            R"("user":"svc@contoso.com","password_secret":"teams_password")";
   auto s = parse_teams_settings("{" + base + R"(,"notification_url":"https://c.example.org/hooks/presence",)" +
                                 R"("notification_listen_port":8090})");
   REQUIRE(s.ok());
   CHECK(s.value().lifecycle_url == "https://c.example.org/hooks/lifecycle");
   CHECK(s.value().listen_address == "127.0.0.1");
   CHECK(s.value().subscription_minutes == 60);
   CHECK(s.value().subscription_renew_minutes == 10);
   auto missing = parse_teams_settings("{" + base + R"(,"notification_url":"https://c.example.org/n"})");
   REQUIRE_FALSE(missing.ok());
   CHECK_THAT(missing.message(), Contains("settings.notification_listen_port"));
   auto long_life = parse_teams_settings("{" + base + R"(,"notification_url":"https://c.example.org/n",)" +
                                         R"("notification_listen_port":8090,"subscription_minutes":90})");
   REQUIRE_FALSE(long_life.ok());
   CHECK_THAT(long_life.message(), Contains("settings.subscription_minutes"));
   auto orphan = parse_teams_settings("{" + base + R"(,"lifecycle_url":"https://c.example.org/l"})");
   REQUIRE_FALSE(orphan.ok());
   CHECK_THAT(orphan.message(), Contains("needs notification_url"));
   CHECK(default_lifecycle_url("https://c.example.org") == "https://c.example.org/lifecycle");
}
