// SPDX-License-Identifier: GPL-3.0-or-later
// E-mail keys to Circuit user ids: the /users/list URL and matching its answer by any address.
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "circuit_users.h"

using namespace portier::circuit;

TEST_CASE("the user list repeats name for each address and asks for the secondary lookup") {
   CHECK(users_list_url("https://circuitsandbox.net", {"ana@example.org", "bo+x@example.org"}) ==
         "https://circuitsandbox.net/rest/v2/users/list?name=ana%40example.org&name=bo%2Bx%40example.org"
         "&secondaryLookup=true");
}

TEST_CASE("users are matched by primary or secondary address, in any case, the rest stay unmatched") {
   const std::string body = R"([
      {"userId":"u-100","emailAddress":"Ana.Lind@example.org","displayName":"Ana Lind"},
      {"userId":"u-200","emailAddress":"bo@example.org","emailAddresses":["reception@example.org",{"address":"desk@example.org"}]},
      {"emailAddress":"noid@example.org"}])";
   const auto ids = match_users(body, {"ana.lind@example.org", "reception@example.org", "desk@example.org",
                                       "ghost@example.org", "noid@example.org"});
   REQUIRE(ids.ok());
   CHECK(ids.value() == std::vector<std::string>{"u-100", "u-200", "u-200", "", ""});
}

TEST_CASE("a user list that is not a JSON array is an error") {
   CHECK_FALSE(match_users(R"({"users":[]})", {"a@example.org"}).ok());
}
