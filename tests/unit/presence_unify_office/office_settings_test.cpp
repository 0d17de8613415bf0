// SPDX-License-Identifier: GPL-3.0-or-later
// presence.unify-office's settings: the two token flows, defaults, limits and every problem named.
#include <catch2/catch.hpp>

#include "office_settings.h"

using namespace portier::office;
using Catch::Matchers::Contains;

TEST_CASE("a JWT configuration takes the documented defaults") {
   auto s = parse_office_settings(R"({"client_id":"app","client_secret":"rc_secret","jwt_secret":"rc_jwt"})");
   REQUIRE(s.ok());
   CHECK(s.value().auth_flow == AuthFlow::jwt);
   CHECK(s.value().server_url == "https://platform.ringcentral.com");
   CHECK(s.value().light_requests_per_minute == 50);
   CHECK(s.value().medium_requests_per_minute == 40);
   CHECK(s.value().auth_requests_per_minute == 5);
   CHECK(s.value().verify_tls);
   CHECK(s.value().proxy.empty());
}

TEST_CASE("the password flow needs user and password_secret, and may name the extension") {
   auto s = parse_office_settings(R"({"client_id":"app","client_secret":"rc_secret","auth_flow":"password",
      "user":"+16505550100","extension":"101","password_secret":"rc_pw","server_url":"http://127.0.0.1:9/",
      "proxy_url":"proxy.example.org","proxy_port":3128})");
   REQUIRE(s.ok());
   CHECK(s.value().auth_flow == AuthFlow::password);
   CHECK(s.value().extension == "101");
   CHECK(s.value().server_url == "http://127.0.0.1:9");
   CHECK(s.value().proxy == "http://proxy.example.org:3128");
   auto missing = parse_office_settings(R"({"client_id":"app","client_secret":"x","auth_flow":"password"})");
   REQUIRE_FALSE(missing.ok());
   CHECK_THAT(missing.message(), Contains("settings.user") && Contains("settings.password_secret"));
}

TEST_CASE("missing credentials, a mixed flow and bad values are each named") {
   auto s = parse_office_settings(R"({"auth_flow":"jwt","user":"u","jwt_secret":"Bad Name",
      "budget_share_percent":0,"backoff_min_seconds":9,"backoff_max_seconds":3,"server_url":"ftp://x","colour":1})");
   REQUIRE_FALSE(s.ok());
   CHECK(s.error().status == PORTIER_ERR_CONFIG);
   CHECK_THAT(s.message(), Contains("settings.client_id") && Contains("settings.client_secret") &&
                               Contains("settings.jwt_secret") && Contains("settings.user") &&
                               Contains("settings.budget_share_percent") && Contains("settings.backoff_max_seconds") &&
                               Contains("settings.server_url") && Contains("colour"));
}

TEST_CASE("a plugin's share of a group limit is at least one request") {
   CHECK(allowed_per_minute(50, 80) == 40);
   CHECK(allowed_per_minute(5, 90) == 4);
   CHECK(allowed_per_minute(1, 10) == 1);
}

TEST_CASE("the old key name client_secret_secret is read, with a warning naming client_secret") {
   auto s = parse_office_settings(R"({"client_id":"app","client_secret_secret":"rc_secret","jwt_secret":"rc_jwt"})");
   INFO(s.message());
   REQUIRE(s.ok());
   CHECK(s.value().client_secret == "rc_secret");
   REQUIRE(s.value().warnings.size() == 1);
   CHECK_THAT(s.value().warnings[0], Contains("settings.client_secret_secret") && Contains("rename it to client_secret"));
}
