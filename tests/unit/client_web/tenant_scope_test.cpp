// SPDX-License-Identifier: GPL-3.0-or-later
#include <catch2/catch.hpp>

#include <string>
#include <variant>

#include <nlohmann/json.hpp>

#include "tenant_scope.h"

namespace web = portier::web;
using nlohmann::json;

namespace {

web::Scope of(const std::string &tenant, const std::string &user, web::Role role) {
   return web::Scope{web::Account{tenant, user, role}, "s"};
}
const web::Scope kAnna = of("DEFAULT", "anna", web::Role::attendant);
const web::Scope kBob = of("Hotel", "bob", web::Role::attendant);
const web::Scope kBoss = of("Hotel", "boss", web::Role::tenant_manager);
const web::Scope kRoot = of("DEFAULT", "root", web::Role::system_manager);

json scoped(std::string_view command, const web::Scope &s, const web::AttendantTenant &lookup = {}) {
   auto r = web::scope_command(command, s, lookup);
   REQUIRE(std::holds_alternative<std::string>(r));
   return json::parse(std::get<std::string>(r));
}

std::string forbidden(std::string_view command, const web::Scope &s, const web::AttendantTenant &lookup = {}) {
   auto r = web::scope_command(command, s, lookup);
   REQUIRE(std::holds_alternative<web::Forbidden>(r));
   return std::get<web::Forbidden>(r).message;
}

const char *const kSnapshot = R"({"type":"answer","ok":true,"snapshot":{
  "calls":[{"call_id":"c1"}],
  "processing":[{"call_id":"c2","tenant":"DEFAULT"},{"call_id":"c3","tenant":"Hotel"}],
  "attendants":[{"attendant":"anna","tenant":"DEFAULT"},{"attendant":"bob","tenant":"Hotel"}],
  "channel_level":"normal"}})";

}  // namespace

TEST_CASE("a message of tenant A is not visible to tenant B, one without tenant is visible to all") {
   CHECK(web::visible_to(std::string("DEFAULT"), kAnna));
   CHECK_FALSE(web::visible_to(std::string("DEFAULT"), kBob));
   CHECK_FALSE(web::visible_to(std::string("DEFAULT"), kBoss));
   CHECK(web::visible_to(std::nullopt, kBob));
   CHECK(web::visible_to(std::string("Hotel"), kRoot));
}

TEST_CASE("an event's tenant is read from its top level only") {
   CHECK(web::message_tenant(R"({"event":"call_processing","tenant":"Hotel"})") == std::optional<std::string>("Hotel"));
   CHECK_FALSE(web::message_tenant(R"({"event":"note","nested":{"tenant":"Hotel"}})"));
   CHECK_FALSE(web::message_tenant("not json"));
   CHECK_FALSE(web::message_tenant(R"({"tenant":7})"));
}

TEST_CASE("tenant B's snapshot holds none of tenant A's items, but the system-wide ones") {
   const json j = json::parse(web::scope_answer(kSnapshot, kBob));
   const json &s = j["snapshot"];
   REQUIRE(s["attendants"].size() == 1);
   CHECK(s["attendants"][0]["tenant"] == "Hotel");
   REQUIRE(s["processing"].size() == 1);
   CHECK(s["processing"][0]["call_id"] == "c3");
   CHECK(s["calls"].empty());  // a call of no tenant: fail closed
   CHECK(s["channel_level"] == "normal");
   CHECK(web::scope_answer(kSnapshot, kBob).find("anna") == std::string::npos);
}

TEST_CASE("a system manager's snapshot holds every tenant") {
   const json j = json::parse(web::scope_answer(kSnapshot, kRoot));
   CHECK(j["snapshot"]["attendants"].size() == 2);
   CHECK(j["snapshot"]["processing"].size() == 2);
}

TEST_CASE("a command without tenant gets the session's tenant") {
   CHECK(scoped(R"({"type":"log_on","attendant":"bob","device":"+1"})", kBob)["tenant"] == "Hotel");
   CHECK(scoped(R"({"type":"snapshot"})", kBoss)["tenant"] == "Hotel");
}

TEST_CASE("nobody but a system manager may name another tenant") {
   CHECK_THAT(forbidden(R"({"type":"log_on","tenant":"DEFAULT","attendant":"bob","device":"+1"})", kBob),
              Catch::Contains("tenant 'Hotel' only"));
   forbidden(R"({"type":"snapshot","tenant":"DEFAULT"})", kBoss);
   forbidden(R"({"type":"snapshot","tenant":7})", kBoss);
   CHECK(scoped(R"({"type":"log_on","tenant":"Hotel","attendant":"x","device":"+1"})", kRoot)["tenant"] == "Hotel");
   CHECK(scoped(R"({"type":"log_on","tenant":"Hotel","attendant":"bob","device":"+1"})", kBob)["tenant"] == "Hotel");
}

TEST_CASE("an attendant acts only as itself") {
   CHECK_THAT(forbidden(R"({"type":"pick","attendant":"anna","call_id":"c1"})", kBob), Catch::Contains("only as itself"));
   CHECK(scoped(R"({"type":"pick","attendant":"bob","call_id":"c1"})", kBob)["attendant"] == "bob");
   CHECK(scoped(R"({"type":"pick","call_id":"c1"})", kBob)["attendant"] == "bob");
   forbidden(R"({"type":"pick","attendant":["bob"],"call_id":"c1"})", kBob);
}

TEST_CASE("a tenant manager acts for attendants of its own tenant, not of another") {
   const web::AttendantTenant lookup = [](std::string_view a) -> std::optional<std::string> {
      if (a == "anna") return "DEFAULT";
      if (a == "bob") return "Hotel";
      return std::nullopt;
   };
   CHECK(scoped(R"({"type":"log_off","attendant":"bob"})", kBoss, lookup)["attendant"] == "bob");
   CHECK_THAT(forbidden(R"({"type":"log_off","attendant":"anna"})", kBoss, lookup), Catch::Contains("not of tenant"));
   CHECK(scoped(R"({"type":"log_off","attendant":"anna"})", kRoot, lookup)["attendant"] == "anna");
}

TEST_CASE("a console may not ask for authentication or audit rows, attendants may not read the audit log") {
   forbidden(R"({"type":"authenticate","tenant":"DEFAULT","user":"anna","password":"x"})", kRoot);
   forbidden(R"({"type":"session_ended","tenant":"DEFAULT","user":"anna","reason":"log_off"})", kBoss);
   forbidden(R"({"type":"audit_log"})", kBob);
   CHECK(scoped(R"({"type":"audit_log"})", kBoss)["tenant"] == "Hotel");
}

TEST_CASE("an event without tenant belongs to the tenant of its attendant when that is known") {
   const web::AttendantTenant lookup = [](std::string_view a) -> std::optional<std::string> {
      if (a == "anna") return "DEFAULT";
      return std::nullopt;
   };
   CHECK(web::message_tenant(R"({"event":"attendant_changed","attendant":"anna"})", lookup) ==
         std::optional<std::string>("DEFAULT"));
   CHECK_FALSE(web::message_tenant(R"({"event":"attendant_changed","attendant":"zoe"})", lookup));
   CHECK(web::message_tenant(R"({"event":"call_processing","tenant":"Hotel","attendant":"anna"})", lookup) ==
         std::optional<std::string>("Hotel"));
}

TEST_CASE("a console's phone-book search acts in its session's tenant only") {
   CHECK(scoped(R"({"type":"directory_search","query":"off"})", kBob)["tenant"] == "Hotel");
   CHECK(scoped(R"({"type":"directory_contact","id":4})", kAnna)["tenant"] == "DEFAULT");
   CHECK(forbidden(R"({"type":"directory_search","query":"off","tenant":"DEFAULT"})", kBob) ==
         "your session acts in tenant 'Hotel' only");
   CHECK(forbidden(R"({"type":"directory_contact","id":4,"tenant":"DEFAULT"})", kBoss) ==
         "your session acts in tenant 'Hotel' only");
   CHECK(scoped(R"({"type":"directory_search","query":"off","tenant":"Hotel"})", kRoot)["tenant"] == "Hotel");
}

TEST_CASE("system-wide kernel commands come only from a system manager's console") {
   for (const char *type : {"plugin_status", "config_check", "config_reload", "directory_sync", "directory_status",
                            "directory_report"}) {
      const std::string command = std::string(R"({"type":")") + type + R"(","source":"directory.csv"})";
      CHECK(forbidden(command, kAnna) == "'" + std::string(type) + "' is for system managers");
      CHECK(forbidden(command, kBoss) == "'" + std::string(type) + "' is for system managers");
      CHECK(scoped(command, kRoot)["type"] == type);
   }
}

TEST_CASE("a forwarding command acts in the session's tenant and names the session's user") {
   const json set = scoped(R"({"type":"set_forwarding","contact_id":7,"kind":"busy","destination":"7123","by":"eve"})", kBoss);
   CHECK(set["tenant"] == "Hotel");
   CHECK(set["by"] == "boss");
   const json clear = scoped(R"({"type":"clear_forwarding","contact_id":7,"kind":"busy"})", kBob);
   CHECK(clear["tenant"] == "Hotel");
   CHECK(clear["by"] == "bob");
   CHECK(forbidden(R"({"type":"set_forwarding","tenant":"DEFAULT","contact_id":7,"kind":"busy","destination":"1"})",
                   kBob) != "");
}
