// SPDX-License-Identifier: GPL-3.0-or-later
// Token requests and lifetime, and the polling interval the throttling budget allows (the
// backoff is lib-http's, tested in tests/unit/http/retry_backoff_test.cpp).
#include <string>

#include <catch2/catch.hpp>

#include "poll_budget.h"
#include "teams_settings.h"
#include "token_reply.h"
#include "token_timing.h"

using namespace portier::teams;
using Catch::Matchers::Contains;

TEST_CASE("the client-credentials body asks for .default with the client secret") {
   TeamsSettings s;
   s.tenant_id = "t1";
   s.client_id = "app";
   s.login_url = "http://127.0.0.1:9";
   CHECK(token_url(s) == "http://127.0.0.1:9/t1/oauth2/v2.0/token");
   CHECK(token_request_body(s, {"se&cret", ""}) ==
         "grant_type=client_credentials&client_id=app&client_secret=se%26cret&scope=https%3A%2F%2Fgraph.microsoft.com%2F.default");
}

TEST_CASE("the password body carries user, password and delegated scopes") {
   TeamsSettings s;
   s.client_id = "app";
   s.auth_flow = AuthFlow::password;
   s.user = "svc@example.org";
   const std::string body = token_request_body(s, {"", "p w"});
   CHECK_THAT(body, Contains("grant_type=password&client_id=app&username=svc%40example.org&password=p%20w&scope="));
   CHECK_THAT(body, Contains("Presence.Read.All"));
   CHECK(body.find("client_secret") == std::string::npos);
}

TEST_CASE("a token answer gives the token and its lifetime - an error answer its AADSTS reason") {
   const auto t = parse_token_answer(R"({"token_type":"Bearer","expires_in":3599,"access_token":"eyJ"})");
   REQUIRE(t.ok());
   CHECK(t.value().access_token == "eyJ");
   CHECK(t.value().lifetime_s == 3599);
   const auto e = parse_token_answer(R"({"error":"invalid_client","error_description":"AADSTS7000215: Invalid client secret.\r\nTrace ID: 1"})");
   REQUIRE_FALSE(e.ok());
   CHECK_THAT(e.message(), Contains("invalid_client (AADSTS7000215: Invalid client secret.)"));
   CHECK(e.message().find("Trace") == std::string::npos);
}

TEST_CASE("a token answer with an absurd expires_in is renewed within ten years, without overflow") {
   // (lifetime - margin) * 1e6 overflowed int64 here (UB); presence_cloud_fuzzer checks the token
   // case, tests/unit/http/token_timing_test.cpp the renewal time itself
   const auto t = parse_token_answer(R"({"access_token":"A","expires_in":9223372036854775807})");
   REQUIRE(t.ok());
   const std::int64_t renew = portier::http::renew_at_us(1'000'000, t.value().lifetime_s, 300);
   CHECK(renew == 1'000'000 + (portier::http::kLongestTokenLifetimeS - 300) * 1'000'000);
}

TEST_CASE("the poll interval is the wished one while the budget allows it") {
   CHECK(requests_per_sweep(0) == 0);
   CHECK(requests_per_sweep(650) == 1);
   CHECK(requests_per_sweep(651) == 2);
   CHECK(requests_per_sweep(2000) == 4);
   CHECK(poll_interval_us(2000, 1, 1500, 50) == 1'000'000);
   CHECK(poll_interval_us(2000, 1, 300, 50) == 1'000'000);  // 4 * 30 / 150 = 0.8 s
}

TEST_CASE("with many users the budget stretches the interval") {
   // 100,000 users: 154 requests per sweep; 750 allowed per 30 s -> 6.16 s
   CHECK(poll_interval_us(100'000, 1, 1500, 50) == 6'160'000);
   // and the requests per 30 s then stay within the share
   const double per_30s = 154 * 30.0 / (static_cast<double>(poll_interval_us(100'000, 1, 1500, 50)) / 1e6);
   CHECK(per_30s <= 750.0);
}
