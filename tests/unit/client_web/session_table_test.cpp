// SPDX-License-Identifier: GPL-3.0-or-later
#include <catch2/catch.hpp>

#include <chrono>
#include <set>

#include "random_token.h"
#include "session_table.h"

namespace web = portier::web;
using namespace std::chrono_literals;

namespace {

const web::SteadyTime kT0{};
web::Account anna() { return {"DEFAULT", "anna", web::Role::attendant}; }

}  // namespace

TEST_CASE("a new session has a 43-character base64url id and a different CSRF token") {
   web::SessionTable table({});
   const auto opened = table.open(anna(), "127.0.0.1", kT0);
   REQUIRE(opened);
   for (const std::string &t : {opened->session.id, opened->session.csrf}) {
      CHECK(t.size() == web::kTokenChars);
      CHECK(t.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_") == std::string::npos);
   }
   CHECK(opened->session.id != opened->session.csrf);
   CHECK(opened->ended.empty());
}

TEST_CASE("session ids do not repeat") {
   web::SessionTable table({std::chrono::minutes(480), std::chrono::hours(12), 64});
   std::set<std::string> ids;
   for (int i = 0; i < 50; ++i) ids.insert(table.open(anna(), "", kT0)->session.id);
   CHECK(ids.size() == 50);
}

TEST_CASE("a session is found by its cookie, an unknown id is not") {
   web::SessionTable table({});
   const auto opened = table.open(anna(), "127.0.0.1", kT0);
   const web::Session *s = table.touch(opened->session.id, kT0 + 1s);
   REQUIRE(s != nullptr);
   CHECK(s->account.user == "anna");
   CHECK(s->remote == "127.0.0.1");
   CHECK(table.touch("not-a-session", kT0) == nullptr);
   CHECK(table.touch("", kT0) == nullptr);
}

TEST_CASE("an idle session expires, and each request restarts its idle clock") {
   web::SessionTable table({std::chrono::minutes(10), std::chrono::hours(12), 8});
   const std::string id = table.open(anna(), "", kT0)->session.id;
   REQUIRE(table.touch(id, kT0 + 9min) != nullptr);
   REQUIRE(table.touch(id, kT0 + 18min) != nullptr);  // 9 minutes after the last request
   CHECK(table.find(id, kT0 + 27min + 59s) != nullptr);
   CHECK(table.find(id, kT0 + 28min) == nullptr);
   const auto expired = table.expire(kT0 + 28min);
   REQUIRE(expired.size() == 1);
   CHECK(expired[0].id == id);
   CHECK(table.size() == 0);
}

TEST_CASE("a busy session still ends at its absolute age") {
   web::SessionTable table({std::chrono::minutes(10), std::chrono::hours(1), 8});
   const std::string id = table.open(anna(), "", kT0)->session.id;
   for (int m = 5; m < 60; m += 5) REQUIRE(table.touch(id, kT0 + std::chrono::minutes(m)) != nullptr);
   CHECK(table.touch(id, kT0 + 60min) == nullptr);
   CHECK(table.expire(kT0 + 60min).size() == 1);
}

TEST_CASE("expire keeps the live sessions") {
   web::SessionTable table({std::chrono::minutes(10), std::chrono::hours(1), 8});
   const std::string old_id = table.open(anna(), "", kT0)->session.id;
   const std::string new_id = table.open(anna(), "", kT0 + 5min)->session.id;
   const auto expired = table.expire(kT0 + 12min);
   REQUIRE(expired.size() == 1);
   CHECK(expired[0].id == old_id);
   CHECK(table.find(new_id, kT0 + 12min) != nullptr);
}

TEST_CASE("an account may hold per_account sessions, the next ends the oldest") {
   web::SessionTable table({std::chrono::minutes(480), std::chrono::hours(12), 2});
   const std::string first = table.open(anna(), "", kT0)->session.id;
   const std::string second = table.open(anna(), "", kT0 + 1s)->session.id;
   table.open({"Hotel", "bob", web::Role::attendant}, "", kT0 + 2s);  // another account: not counted
   const auto third = table.open(anna(), "", kT0 + 3s);
   REQUIRE(third->ended.size() == 1);
   CHECK(third->ended[0].id == first);
   CHECK(table.find(first, kT0 + 4s) == nullptr);
   CHECK(table.find(second, kT0 + 4s) != nullptr);
   CHECK(table.size() == 3);
}

TEST_CASE("a session that ended is gone for good") {
   web::SessionTable table({});
   const std::string id = table.open(anna(), "", kT0)->session.id;
   const auto ended = table.end(id);
   REQUIRE(ended);
   CHECK(ended->account.user == "anna");
   CHECK(table.touch(id, kT0) == nullptr);
   CHECK_FALSE(table.end(id));
}

TEST_CASE("base64url has no padding and uses - and _") {
   CHECK(web::base64url("") == "");
   CHECK(web::base64url("f") == "Zg");
   CHECK(web::base64url("fo") == "Zm8");
   CHECK(web::base64url("foo") == "Zm9v");
   CHECK(web::base64url("\xfb\xff") == "-_8");
}

TEST_CASE("secrets compare equal only when they are the same text") {
   CHECK(web::same_secret("abc", "abc"));
   CHECK_FALSE(web::same_secret("abc", "abd"));
   CHECK_FALSE(web::same_secret("abc", "ab"));
   CHECK_FALSE(web::same_secret("", "a"));
}
