// SPDX-License-Identifier: GPL-3.0-or-later
// presence.skype's settings: required keys, the discovery URL from the SIP domain, the proxy, the
// documented subscription duration range, and problems that name their key.
#include <string>

#include <catch2/catch.hpp>

#include "skype_settings.h"

using namespace portier::skype;

TEST_CASE("the discovery URL comes from the SIP domain unless given") {
   auto s = parse_skype_settings(R"({"sip_domain": "example.org", "user": "console@example.org", "password_secret": "sfb_pw"})");
   REQUIRE(s.ok());
   CHECK(s.value().discovery_url == "https://lyncdiscover.example.org/");
   CHECK(s.value().subscription_minutes == 30);
   CHECK(s.value().event_timeout_seconds == 180);
   CHECK(s.value().verify_tls);
   auto given = parse_skype_settings(
       R"({"discovery_url": "http://127.0.0.1:8080/", "user": "console@example.org", "password_secret": "sfb_pw"})");
   REQUIRE(given.ok());
   CHECK(given.value().discovery_url == "http://127.0.0.1:8080/");
}

TEST_CASE("user, password secret and a domain are required, each named") {
   auto s = parse_skype_settings("{}");
   REQUIRE_FALSE(s.ok());
   CHECK(s.message().find("settings.sip_domain") != std::string::npos);
   CHECK(s.message().find("settings.user") != std::string::npos);
   CHECK(s.message().find("settings.password_secret") != std::string::npos);
}

TEST_CASE("a password in place of the secret's name is refused") {
   auto s = parse_skype_settings(R"({"sip_domain": "example.org", "user": "console@example.org", "password_secret": "Pa55 word!"})");
   REQUIRE_FALSE(s.ok());
   CHECK(s.message().find("settings.password_secret") != std::string::npos);
   CHECK(s.message().find("Pa55") == std::string::npos);
}

TEST_CASE("subscription minutes stay within UCWA's 10 to 30") {
   const std::string base = R"({"sip_domain": "example.org", "user": "console@example.org", "password_secret": "pw", )";
   CHECK(parse_skype_settings(base + R"("subscription_minutes": 10})").ok());
   CHECK_FALSE(parse_skype_settings(base + R"("subscription_minutes": 9})").ok());
   CHECK_FALSE(parse_skype_settings(base + R"("subscription_minutes": 31})").ok());
   CHECK_FALSE(parse_skype_settings(base + R"("event_timeout_seconds": 60})").ok());
}

TEST_CASE("the proxy is built from proxy_url and proxy_port") {
   auto s = parse_skype_settings(
       R"({"sip_domain": "example.org", "user": "console@example.org", "password_secret": "pw", "proxy_url": "proxy.example.org", "proxy_port": 3128})");
   REQUIRE(s.ok());
   CHECK(s.value().proxy == "http://proxy.example.org:3128");
   auto port_only = parse_skype_settings(
       R"({"sip_domain": "example.org", "user": "console@example.org", "password_secret": "pw", "proxy_port": 3128})");
   REQUIRE_FALSE(port_only.ok());
   CHECK(port_only.message().find("settings.proxy_port") != std::string::npos);
}

TEST_CASE("unknown keys are refused with their name") {
   auto s = parse_skype_settings(
       R"({"sip_domain": "example.org", "user": "console@example.org", "password_secret": "pw", "user_agnet": "X"})");
   REQUIRE_FALSE(s.ok());
   CHECK(s.message().find("user_agnet") != std::string::npos);
}
