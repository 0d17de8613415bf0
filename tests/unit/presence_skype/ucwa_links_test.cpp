// SPDX-License-Identifier: GPL-3.0-or-later
// UCWA's way in: discovery links, the MsRtcOAuth challenge, the password grant and its answer,
// the application resource and subscriptions (bodies written from presence-calendar.md §5.1/5.3).
#include <string>

#include <catch2/catch.hpp>

#include "ucwa_links.h"

using namespace portier::skype;

TEST_CASE("host-relative hrefs resolve against the URL they came from") {
   CHECK(resolve_href("https://pool.example.org/ucwa/oauth/v1/applications", "/ucwa/oauth/v1/applications/77") ==
         "https://pool.example.org/ucwa/oauth/v1/applications/77");
   CHECK(resolve_href("http://127.0.0.1:8080/a/b?x=1", "c") == "http://127.0.0.1:8080/a/c");
   CHECK(resolve_href("https://x.example.org/", "https://y.example.org/z") == "https://y.example.org/z");
}

TEST_CASE("the discovery root names the user resource") {
   const std::string body = R"({"_links": {
      "self": {"href": "https://lyncdiscover.example.org/?sipuri=console@example.org"},
      "user": {"href": "https://pool.example.org/Autodiscover/AutodiscoverService.svc/root/oauth/user?originalDomain=example.org"},
      "xframe": {"href": "https://pool.example.org/Autodiscover/XFrame/XFrame.html"}}})";
   auto links = parse_resource_links(body);
   REQUIRE(links.ok());
   CHECK(links.value().user.find("/root/oauth/user?originalDomain=example.org") != std::string::npos);
   CHECK(links.value().applications.empty());
   CHECK_FALSE(parse_resource_links("<html>").ok());
}

TEST_CASE("the MsRtcOAuth challenge names the token URL and the grants") {
   auto c = parse_oauth_challenge(
       R"(Negotiate, MsRtcOAuth href="https://pool.example.org/WebTicket/oauthtoken",grant_type="urn:microsoft.rtc:windows,urn:microsoft.rtc:anonmeeting,password")");
   REQUIRE(c.ok());
   CHECK(c.value().token_url == "https://pool.example.org/WebTicket/oauthtoken");
   CHECK(c.value().password_grant);
   auto windows_only = parse_oauth_challenge(R"(MsRtcOAuth href="https://p/WebTicket/oauthtoken",grant_type="urn:microsoft.rtc:windows")");
   REQUIRE(windows_only.ok());
   CHECK_FALSE(windows_only.value().password_grant);
   CHECK_FALSE(parse_oauth_challenge("Bearer realm=x").ok());
   CHECK_FALSE(parse_oauth_challenge(R"(MsRtcOAuth href="unterminated)").ok());
}

TEST_CASE("the password grant is form-encoded and its answer read") {
   CHECK(password_grant_body("console@example.org", "p&ss w") ==
         "grant_type=password&username=console%40example.org&password=p%26ss%20w");
   auto t = parse_token_answer(
       R"({"access_token": "cwt=AAEBHAEFAAAAAAAFFQAAAA", "token_type": "Bearer", "expires_in": 28800, "ms_rtc_identityscope": "local"})");
   REQUIRE(t.ok());
   CHECK(t.value().access_token == "cwt=AAEBHAEFAAAAAAAFFQAAAA");
   CHECK(t.value().lifetime_s == 28800);
   auto refused = parse_token_answer(R"({"error": "invalid_grant"})");
   REQUIRE_FALSE(refused.ok());
   CHECK(refused.message().find("invalid_grant") != std::string::npos);
}

TEST_CASE("the application resource gives self, events, batch and presenceSubscriptions") {
   const std::string body = R"({"culture": "en-US", "userAgent": "Portier",
      "_links": {"self": {"href": "/ucwa/oauth/v1/applications/301"},
                 "policies": {"href": "/ucwa/oauth/v1/applications/301/policies"},
                 "batch": {"href": "/ucwa/oauth/v1/applications/301/batch"},
                 "events": {"href": "/ucwa/oauth/v1/applications/301/events?ack=1"}},
      "_embedded": {"me": {"name": "Console"},
                    "people": {"_links": {"self": {"href": "/ucwa/oauth/v1/applications/301/people"},
                                          "presenceSubscriptions": {"href": "/ucwa/oauth/v1/applications/301/people/presenceSubscriptions"}}},
                    "communication": {}}})";
   auto app = parse_application(body);
   REQUIRE(app.ok());
   CHECK(app.value().self == "/ucwa/oauth/v1/applications/301");
   CHECK(app.value().events == "/ucwa/oauth/v1/applications/301/events?ack=1");
   CHECK(app.value().batch == "/ucwa/oauth/v1/applications/301/batch");
   CHECK(app.value().presence_subscriptions == "/ucwa/oauth/v1/applications/301/people/presenceSubscriptions");
   CHECK_FALSE(parse_application(R"({"_links": {"self": {"href": "/x"}}})").ok());
   CHECK(application_request_body("Portier", "6b0c7a3e-0000-4e8a-9b1c-0d2e3f4a5b6c", "en-US") ==
         R"({"Culture":"en-US","EndpointId":"6b0c7a3e-0000-4e8a-9b1c-0d2e3f4a5b6c","UserAgent":"Portier"})");
}

TEST_CASE("subscription bodies and answers") {
   CHECK(subscription_request_body(30, {"sip:anna@example.org", "sip:bert@example.org"}) ==
         R"({"duration":30,"uris":["sip:anna@example.org","sip:bert@example.org"]})");
   auto s = parse_subscription(R"({"id": "c4f1", "rel": "presenceSubscription", "_links": {
      "self": {"href": "/ucwa/oauth/v1/applications/301/people/presenceSubscriptions/c4f1"},
      "memberships": {"href": "/ucwa/oauth/v1/applications/301/people/presenceSubscriptions/c4f1/memberships"},
      "addToPresenceSubscription": {"href": "/ucwa/oauth/v1/applications/301/people/presenceSubscriptions/c4f1/memberships"}}})");
   REQUIRE(s.ok());
   CHECK(s.value().id == "c4f1");
   CHECK(s.value().self.find("/presenceSubscriptions/c4f1") != std::string::npos);
   CHECK_FALSE(parse_subscription(R"({"id": "x"})").ok());
   CHECK(ucwa_error_code(R"({"code": "Conflict", "subcode": "PGetReplaced", "message": "replaced"})") == "Conflict/PGetReplaced");
   CHECK(ucwa_error_code("not json").empty());
}
