// SPDX-License-Identifier: GPL-3.0-or-later
// The token endpoint's bodies and answers, token lifetime, and the paged extension list.
#include <catch2/catch.hpp>

#include "extension_list.h"
#include "office_token.h"
#include "token_timing.h"

using namespace portier::office;
using Catch::Matchers::Contains;

TEST_CASE("the app authenticates with HTTP Basic over client id and secret") {
   CHECK(basic_auth_header("app-1", "s3cret") == "Authorization: Basic YXBwLTE6czNjcmV0");
   CHECK(basic_auth_header("a", "") == "Authorization: Basic YTo=");
}

TEST_CASE("the JWT grant sends the credential as assertion") {
   OfficeSettings s;
   s.server_url = "http://127.0.0.1:9";
   CHECK(token_url(s) == "http://127.0.0.1:9/restapi/oauth/token");
   Credentials c;
   c.jwt = "eyJ.a.b";
   CHECK(grant_body(s, c) == "grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Ajwt-bearer&assertion=eyJ.a.b");
}

TEST_CASE("the password grant sends user, extension and password encoded") {
   OfficeSettings s;
   s.auth_flow = AuthFlow::password;
   s.user = "+16505550100";
   s.extension = "101";
   Credentials c;
   c.password = "p&w";
   CHECK(grant_body(s, c) == "grant_type=password&username=%2B16505550100&extension=101&password=p%26w");
   CHECK(refresh_body("rt/1") == "grant_type=refresh_token&refresh_token=rt%2F1");
}

TEST_CASE("a token answer gives both tokens and lifetimes, an error names its code") {
   const auto t = parse_token_answer(R"({"access_token":"A","token_type":"bearer","expires_in":3600,
      "refresh_token":"R","refresh_token_expires_in":604800})");
   REQUIRE(t.ok());
   CHECK(t.value().access_token == "A");
   CHECK(t.value().lifetime_s == 3600);
   CHECK(t.value().refresh_token == "R");
   CHECK(t.value().refresh_lifetime_s == 604800);
   const auto refused = parse_token_answer(R"({"error":"invalid_grant","errorCode":"OAU-140",
      "error_description":"Invalid resource owner credentials\nsecond line"})");
   REQUIRE_FALSE(refused.ok());
   CHECK_THAT(refused.message(), Contains("OAU-140") && Contains("Invalid resource owner credentials"));
   CHECK_THAT(refused.message(), !Contains("second line"));
   CHECK_FALSE(parse_token_answer(R"({"access_token":"A"})").ok());
}

TEST_CASE("absurd token lifetimes from the server are renewed within ten years or at once, without overflow") {
   // (lifetime - margin) * 1e6 overflowed int64 here (UB); presence_cloud_fuzzer checks the token
   // case, tests/unit/http/token_timing_test.cpp the renewal time itself
   using portier::http::kLongestTokenLifetimeS;
   using portier::http::renew_at_us;
   const auto t = parse_token_answer(
       R"({"access_token":"A","expires_in":"9223372036854775807","refresh_token":"R","refresh_token_expires_in":-9223372036854775807})");
   REQUIRE(t.ok());
   CHECK(renew_at_us(1'000'000, t.value().lifetime_s, 300) == 1'000'000 + (kLongestTokenLifetimeS - 300) * 1'000'000);
   CHECK(renew_at_us(1'000'000, t.value().refresh_lifetime_s, 300) == 1'000'000);
}

TEST_CASE("extension pages give ids as text and say whether another page follows") {
   CHECK(extension_page_path(2, 100) == "/restapi/v1.0/account/~/extension?page=2&perPage=100");
   const auto page = parse_extension_page(R"({"records":[
      {"id":401234567008,"extensionNumber":"208","type":"User"},
      {"id":"401234567009","type":"Department"},
      {"extensionNumber":"210"}],
      "paging":{"page":1,"totalPages":3},"navigation":{"nextPage":{"uri":"x"}}})");
   REQUIRE(page.ok());
   REQUIRE(page.value().records.size() == 2);
   CHECK(page.value().records[0].id == "401234567008");
   CHECK(page.value().records[0].extension_number == "208");
   CHECK(page.value().records[1].extension_number.empty());
   CHECK(page.value().has_next);
   const auto last = parse_extension_page(R"({"records":[],"paging":{"page":3,"totalPages":3},"navigation":{}})");
   REQUIRE(last.ok());
   CHECK_FALSE(last.value().has_next);
   CHECK_FALSE(parse_extension_page(R"({"paging":{}})").ok());
}
