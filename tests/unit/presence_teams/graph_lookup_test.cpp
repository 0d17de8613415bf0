// SPDX-License-Identifier: GPL-3.0-or-later
// E-mail look-ups through JSON batching: the body, and answers judged one by one.
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "graph_lookup.h"

using namespace portier::teams;
using Catch::Matchers::Contains;

TEST_CASE("a look-up batch names each address by its position") {
   const std::string body = lookup_batch_body({"anna@example.org", "$svc@example.org"}, EmailLookup::upn);
   CHECK_THAT(body, Contains(R"({"id":"0","method":"GET","url":"/users/anna@example.org?$select=id"})"));
   CHECK_THAT(body, Contains(R"("url":"/users('%24svc@example.org')?$select=id")"));
}

TEST_CASE("the filter look-up searches mail and proxy addresses, with quotes doubled") {
   const std::string body = lookup_batch_body({"o'neil@example.org"}, EmailLookup::filter);
   CHECK_THAT(body, Contains("/users?$filter=mail%20eq%20%27o%27%27neil@example.org%27%20or%20proxyAddresses"));
}

TEST_CASE("a batch answer with a 404 part resolves the others, in any order") {
   const auto answers = parse_lookup_batch(R"({"responses":[
      {"id":"2","status":429,"headers":{"Retry-After":"3"},"body":{}},
      {"id":"1","status":404,"body":{"error":{"code":"Request_ResourceNotFound"}}},
      {"id":"0","status":200,"body":{"id":"0b6f5c2e"}}]})", 4);
   REQUIRE(answers.ok());
   REQUIRE(answers.value().size() == 4);
   CHECK(answers.value()[0].outcome == LookupOutcome::found);
   CHECK(answers.value()[0].id == "0b6f5c2e");
   CHECK(answers.value()[1].outcome == LookupOutcome::not_found);
   CHECK(answers.value()[2].outcome == LookupOutcome::retry);
   CHECK(answers.value()[2].retry_after == 3.0);
   CHECK(answers.value()[3].outcome == LookupOutcome::retry);  // missing from the answer
}

TEST_CASE("a filter that matches nobody is not found - one that matches gives the first id") {
   const auto answers = parse_lookup_batch(
       R"({"responses":[{"id":"0","status":200,"body":{"value":[]}},{"id":"1","status":200,"body":{"value":[{"id":"u1"}]}}]})", 2);
   REQUIRE(answers.ok());
   CHECK(answers.value()[0].outcome == LookupOutcome::not_found);
   CHECK(answers.value()[1].id == "u1");
}

TEST_CASE("an answer that repeats a request id keeps the first response for it") {
   // Found by presence_cloud_fuzzer: the repeat turned a found address into not_found and left its id.
   const auto answers = parse_lookup_batch(R"({"responses":[
      {"id":"1","status":200,"body":{"value":[{"id":"u1"}]}},
      {"id":"1","status":200,"body":{"value":[]}},
      {"id":"0","status":404,"body":{}},
      {"id":"0","status":200,"body":{"id":"u0"}}]})", 2);
   REQUIRE(answers.ok());
   CHECK(answers.value()[1].outcome == LookupOutcome::found);
   CHECK(answers.value()[1].id == "u1");
   CHECK(answers.value()[0].outcome == LookupOutcome::not_found);
   CHECK(answers.value()[0].id.empty());
}

TEST_CASE("a body that is no batch answer is an error") {
   CHECK_FALSE(parse_lookup_batch(R"({"value":[]})", 1).ok());
   CHECK_FALSE(parse_lookup_batch("", 1).ok());
}
