// SPDX-License-Identifier: GPL-3.0-or-later
// The bot token: Basic authentication, the form body, the answer with and without expires_in,
// when it is renewed, and the polling budget.
#include <cstdint>
#include <limits>
#include <string>

#include <catch2/catch.hpp>

#include "circuit_token.h"

using namespace portier::circuit;
using Catch::Matchers::Contains;

TEST_CASE("the client id and secret travel as HTTP Basic") {
   CHECK(basic_auth_header("bot", "pw") == "Authorization: Basic Ym90OnB3");
   CHECK(basic_auth_header("b", "s3") == "Authorization: Basic YjpzMw==");
   CHECK(basic_auth_header("ab", "cd") == "Authorization: Basic YWI6Y2Q=");
}

TEST_CASE("the token request is a client-credentials grant with the comma-separated scope") {
   CHECK(token_request_body("READ_USER_PROFILE,READ_USER") ==
         "grant_type=client_credentials&scope=READ_USER_PROFILE%2CREAD_USER");
}

TEST_CASE("a Bearer token with expires_in is read, one without it never expires") {
   const auto t = parse_token_answer(R"({"access_token":"tok-1","token_type":"Bearer","expires_in":3600})");
   REQUIRE(t.ok());
   CHECK(t.value().access_token == "tok-1");
   CHECK(t.value().lifetime_s == 3600);
   const auto forever = parse_token_answer(R"({"access_token":"tok-2","token_type":"bearer"})");
   REQUIRE(forever.ok());
   CHECK(forever.value().lifetime_s == 0);
   CHECK(token_renew_at_us(forever.value(), 5, 300) == std::numeric_limits<std::int64_t>::max());
}

TEST_CASE("a token that is not Bearer, or an error answer, is refused with the reason") {
   CHECK_FALSE(parse_token_answer(R"({"access_token":"x","token_type":"MAC"})").ok());
   const auto e = parse_token_answer(R"({"error":"invalid_client","error_description":"Bad client credentials"})");
   REQUIRE_FALSE(e.ok());
   CHECK_THAT(e.message(), Contains("invalid_client"));
   CHECK_THAT(e.message(), Contains("Bad client credentials"));
}

TEST_CASE("a token is renewed its margin before expiry, at most half its lifetime early") {
   CHECK(token_renew_at_us(Token{"A", 3600}, 0, 300) == 3300LL * 1'000'000);
   CHECK(token_renew_at_us(Token{"A", 60}, 0, 300) == 30LL * 1'000'000);
}

TEST_CASE("a token with an absurd expires_in is renewed within ten years, without overflow") {
   // (lifetime - margin) * 1e6 overflowed int64 here (UB); presence_cloud_fuzzer checks the token case
   const auto t = parse_token_answer(R"({"access_token":"A","token_type":"Bearer","expires_in":9223372036854775807})");
   REQUIRE(t.ok());
   constexpr std::int64_t kTenYearsS = 10LL * 366 * 24 * 3600;  // lib-http's kLongestTokenLifetimeS
   CHECK(token_renew_at_us(t.value(), 1'000'000, 300) == 1'000'000 + (kTenYearsS - 300) * 1'000'000);
}

TEST_CASE("the polling interval grows with the requests one sweep needs") {
   CHECK(poll_interval_us(50, 100, 10, 120) == 10'000'000);
   // 10,000 users in 100 batches at 120 requests per minute: 50 s per sweep
   CHECK(poll_interval_us(10'000, 100, 10, 120) == 50'000'000);
   CHECK(poll_interval_us(0, 100, 3, 120) == 3'000'000);
}
