// SPDX-License-Identifier: GPL-3.0-or-later
#include <catch2/catch.hpp>

#include <string>
#include <variant>

#include <nlohmann/json.hpp>

#include "log_on.h"

namespace web = portier::web;
using nlohmann::json;

namespace {

std::string invalid(std::string_view body) {
   auto r = web::read_log_on_body(body);
   REQUIRE(std::holds_alternative<web::Invalid>(r));
   return std::get<web::Invalid>(r).message;
}

}  // namespace

TEST_CASE("a log-on body with tenant, user and password is read") {
   auto r = web::read_log_on_body(R"({"tenant":"DEFAULT","user":"anna","password":"secret-anna"})");
   REQUIRE(std::holds_alternative<web::LogOnRequest>(r));
   const auto &req = std::get<web::LogOnRequest>(r);
   CHECK(req.tenant == "DEFAULT");
   CHECK(req.user == "anna");
   CHECK(req.password == "secret-anna");
}

TEST_CASE("a log-on body with a missing, empty, mistyped or unknown field says which") {
   CHECK_THAT(invalid(R"({"tenant":"DEFAULT","user":"anna"})"), Catch::Contains("'password' is required"));
   CHECK_THAT(invalid(R"({"tenant":"","user":"anna","password":"x"})"), Catch::Contains("'tenant' must be 1.."));
   CHECK_THAT(invalid(R"({"tenant":"DEFAULT","user":7,"password":"x"})"), Catch::Contains("'user' must be a string"));
   CHECK_THAT(invalid(R"({"tenant":"DEFAULT","user":"anna","password":"x","remember":true})"),
              Catch::Contains("unknown field 'remember'"));
   CHECK_THAT(invalid("not json"), Catch::Contains("JSON object"));
   CHECK_THAT(invalid("[1,2]"), Catch::Contains("JSON object"));
}

TEST_CASE("an oversized log-on body or password is refused without parsing it all") {
   CHECK_THAT(invalid(std::string(web::kMaxLogOnBodyBytes + 1, ' ')), Catch::Contains("exceeds"));
   const std::string long_password(web::kMaxPasswordChars + 1, 'p');
   CHECK_THAT(invalid(R"({"tenant":"DEFAULT","user":"anna","password":")" + long_password + "\"}"),
              Catch::Contains("'password' must be 1..1024"));
   CHECK_THAT(invalid(std::string(100, '[') + std::string(100, ']')), Catch::Contains("nests"));
}

TEST_CASE("the authenticate command carries the peer address as remote") {
   const json j = json::parse(web::authenticate_command({"DEFAULT", "anna", "pw"}, "127.0.0.1"));
   CHECK(j == json{{"type", "authenticate"}, {"tenant", "DEFAULT"}, {"user", "anna"}, {"password", "pw"},
                   {"remote", "127.0.0.1"}});
}

TEST_CASE("the core's ok answer gives the account and its role") {
   auto r = web::read_authenticate_answer(
       R"({"type":"answer","ok":true,"account":{"tenant":"Hotel","user":"bob","role":"tenant_manager"}})");
   REQUIRE(std::holds_alternative<web::Account>(r));
   CHECK(std::get<web::Account>(r).tenant == "Hotel");
   CHECK(std::get<web::Account>(r).role == web::Role::tenant_manager);
}

TEST_CASE("an ok answer without a proper account is no log-on") {
   auto r = web::read_authenticate_answer(R"({"ok":true,"account":{"tenant":"Hotel","user":"bob","role":"king"}})");
   CHECK(std::holds_alternative<web::LogOnRefused>(r));
   CHECK(std::holds_alternative<web::LogOnRefused>(web::read_authenticate_answer("garbage")));
}

TEST_CASE("a lock-out answer keeps its retry time, and maps to 429 with Retry-After rounded up") {
   auto r = web::read_authenticate_answer(
       R"({"ok":false,"error":"locked","retry_after_ms":30000,"message":"too many failed log-ons; try again in 30 s"})");
   REQUIRE(std::holds_alternative<web::LogOnRefused>(r));
   const auto &refused = std::get<web::LogOnRefused>(r);
   CHECK(refused.error == "locked");
   CHECK(refused.retry_after_ms == 30000);
   CHECK(web::log_on_status(refused.error) == 429);
   CHECK(web::retry_after_seconds(30000) == 30);
   CHECK(web::retry_after_seconds(1) == 1);
   CHECK(web::retry_after_seconds(1001) == 2);
   CHECK(web::retry_after_seconds(0) == 1);
}

TEST_CASE("refused log-ons map to their HTTP status") {
   CHECK(web::log_on_status("denied") == 401);
   CHECK(web::log_on_status("busy") == 503);
   CHECK(web::log_on_status("unavailable") == 503);
   CHECK(web::log_on_status("invalid") == 400);
}

TEST_CASE("session_ended names account, remote and reason") {
   const json j = json::parse(
       web::session_ended_command({"DEFAULT", "anna", web::Role::attendant}, "127.0.0.1", web::EndReason::expired));
   CHECK(j == json{{"type", "session_ended"}, {"tenant", "DEFAULT"}, {"user", "anna"}, {"remote", "127.0.0.1"},
                   {"reason", "expired"}});
}

TEST_CASE("the browser's session view holds the account and the CSRF token, never a password") {
   const json j = json::parse(web::session_json({"DEFAULT", "anna", web::Role::attendant}, "TOKEN"));
   CHECK(j == json{{"ok", true},
                   {"account", {{"tenant", "DEFAULT"}, {"user", "anna"}, {"role", "attendant"}}},
                   {"csrf", "TOKEN"}});
   CHECK(json::parse(web::refusal_json("locked", "wait", 5000))["retry_after_ms"] == 5000);
   CHECK_FALSE(json::parse(web::refusal_json("denied", "no")).contains("retry_after_ms"));
}
