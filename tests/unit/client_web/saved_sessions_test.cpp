// SPDX-License-Identifier: GPL-3.0-or-later
// client.web's sessions over a restart of portierd: what it writes through to the core
// (session_save, session_drop) and how session_list's answer comes back into a new table.
#include <catch2/catch.hpp>

#include <chrono>
#include <string>
#include <variant>

#include <nlohmann/json.hpp>

#include "saved_sessions.h"
#include "session_hash.h"
#include "session_table.h"

namespace web = portier::web;
using namespace std::chrono_literals;
using nlohmann::json;

namespace {

const web::SteadyTime kRestartT0 = web::SteadyTime{} + 1000h;
const web::SessionLimits kKeptLimits{std::chrono::minutes(10), std::chrono::hours(12), 8};
web::Account kept_anna() { return {"DEFAULT", "anna", web::Role::attendant}; }

// What the kernel answers to session_list for rows it got as these session_save commands.
std::string kept_list_answer(const std::vector<std::string> &saves) {
   json list = json::array();
   for (const std::string &text : saves) {
      json row = json::parse(text);
      row.erase("type");
      list.push_back(row);
   }
   return json{{"ok", true}, {"sessions", list}, {"dropped", 0}, {"type", "answer"}, {"request_id", 7}}.dump();
}

}  // namespace

TEST_CASE("the core is given the hash of a session id, never the id") {
   web::SessionTable table(kKeptLimits);
   const auto opened = table.open(kept_anna(), "127.0.0.1", kRestartT0);
   REQUIRE(opened);
   const web::ClockPair clocks{kRestartT0, std::chrono::system_clock::time_point{} + 1'800'000'000'000ms};
   const std::string save = web::session_save_command(opened->session, table.expires_at(opened->session), clocks);
   CHECK(save.find(opened->session.id) == std::string::npos);
   const json j = json::parse(save);
   CHECK(j["type"] == "session_save");
   CHECK(j["id_hash"] == web::session_id_hash(opened->session.id));
   CHECK(j["id_hash"].get<std::string>().size() == 64);
   CHECK(j["csrf"] == opened->session.csrf);
   CHECK(j["created_ms"] == 1'800'000'000'000);
   CHECK(j["expires_ms"] == 1'800'000'000'000 + 10 * 60'000);  // idle ends it before max-age
   CHECK(json::parse(web::session_drop_command(j["id_hash"].get<std::string>())) ==
         json{{"type", "session_drop"}, {"id_hash", j["id_hash"]}});
}

TEST_CASE("a session kept by the core is found by its old cookie after a restart, with its CSRF token") {
   web::SessionTable before(kKeptLimits);
   const auto opened = before.open(kept_anna(), "127.0.0.1", kRestartT0);
   REQUIRE(opened);
   const auto wall = std::chrono::system_clock::now();
   const std::string save =
       web::session_save_command(opened->session, before.expires_at(opened->session), {kRestartT0, wall});

   // The new process: another steady clock, the wall clock 2 minutes on.
   const web::SteadyTime t1 = web::SteadyTime{} + 5h;
   const web::ClockPair after_clocks{t1, wall + 2min};
   auto listed = web::read_session_list(kept_list_answer({save}), after_clocks);
   REQUIRE(std::holds_alternative<std::vector<web::Session>>(listed));
   auto &sessions = std::get<std::vector<web::Session>>(listed);
   REQUIRE(sessions.size() == 1);
   CHECK(sessions[0].id.empty());
   web::SessionTable after(kKeptLimits);
   REQUIRE(after.restore(sessions[0], t1));
   CHECK_FALSE(after.restore(sessions[0], t1));  // once only

   const web::Session *s = after.touch(opened->session.id, t1);
   REQUIRE(s != nullptr);
   CHECK(s->id == opened->session.id);
   CHECK(s->csrf == opened->session.csrf);
   CHECK(s->account.user == "anna");
   CHECK(after.touch("another-cookie", t1) == nullptr);
}

TEST_CASE("a restored session keeps its idle and max-age clocks from before the restart") {
   web::SessionTable before(kKeptLimits);
   const auto opened = before.open(kept_anna(), "", kRestartT0);
   const auto wall = std::chrono::system_clock::now();
   const std::string save =
       web::session_save_command(opened->session, before.expires_at(opened->session), {kRestartT0, wall});
   const web::SteadyTime t1 = web::SteadyTime{} + 5h;
   SECTION("idle for 9 minutes before and after: still there") {
      auto listed = web::read_session_list(kept_list_answer({save}), {t1, wall + 9min});
      web::SessionTable after(kKeptLimits);
      REQUIRE(after.restore(std::get<std::vector<web::Session>>(listed).at(0), t1));
      CHECK(after.find(opened->session.id, t1 + 59s) != nullptr);
      CHECK(after.find(opened->session.id, t1 + 1min) == nullptr);
   }
   SECTION("idle for 10 minutes over the restart: not restored") {
      auto listed = web::read_session_list(kept_list_answer({save}), {t1, wall + 10min});
      web::SessionTable after(kKeptLimits);
      CHECK_FALSE(after.restore(std::get<std::vector<web::Session>>(listed).at(0), t1));
      CHECK(after.size() == 0);
   }
}

TEST_CASE("last-seen goes to the core at most once a minute per session, and only when it moved") {
   web::SessionTable table(kKeptLimits);
   const std::string id = table.open(kept_anna(), "", kRestartT0)->session.id;
   CHECK(table.due_saves(60s).empty());  // just saved at log-on
   table.touch(id, kRestartT0 + 30s);
   CHECK(table.due_saves(60s).empty());
   table.touch(id, kRestartT0 + 61s);
   const auto due = table.due_saves(60s);
   REQUIRE(due.size() == 1);
   CHECK(due[0].last_seen == kRestartT0 + 61s);
   CHECK(table.due_saves(60s).empty());  // marked as saved
   table.touch(id, kRestartT0 + 90s);
   CHECK(table.due_saves(60s).empty());
}

TEST_CASE("a refused or malformed session list restores nothing") {
   const web::ClockPair clocks = web::ClockPair::now();
   CHECK(std::holds_alternative<std::string>(web::read_session_list("not json", clocks)));
   CHECK(std::holds_alternative<std::string>(
       web::read_session_list(R"({"ok":false,"error":"unavailable","message":"no store"})", clocks)));
   auto listed = web::read_session_list(
       R"({"ok":true,"sessions":[{"id_hash":"ab","tenant":"T","user":"u","role":"emperor","csrf":"c","created_ms":1,"last_seen_ms":1}]})",
       clocks);
   REQUIRE(std::holds_alternative<std::vector<web::Session>>(listed));
   CHECK(std::get<std::vector<web::Session>>(listed).empty());
}

TEST_CASE("only the host's 'not started' refusal is worth asking again") {
   CHECK(web::core_not_ready(R"({"type":"answer","ok":false,"error":"unavailable","message":"not started"})"));
   CHECK_FALSE(web::core_not_ready(
       R"x({"ok":false,"error":"unavailable","message":"sessions cannot be kept (no store)"})x"));
   CHECK_FALSE(web::core_not_ready(R"({"ok":true,"sessions":[]})"));
   CHECK_FALSE(web::core_not_ready("not json"));
}
