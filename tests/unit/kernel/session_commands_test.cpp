// SPDX-License-Identifier: GPL-3.0-or-later
// The kernel's session_save, session_drop and session_list: a client plugin's log-on sessions
// kept in the store over a restart, scoped to the plugin instance, pruned of the expired and of
// accounts that may no longer log on.
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "kernel/session_commands.h"
#include "temp_dir.h"

using namespace portier::kernel;
using portier::engine::Account;
using portier::engine::AccountRole;
using portier::engine::PasswordKind;
using portier::kernel::test::TempDir;
using nlohmann::json;

namespace {

constexpr std::int64_t kSavedNow = 1'800'000'000'000;  // Unix ms
const std::string kSavedHashA(64, 'a');
const std::string kSavedHashB(64, 'b');

std::vector<Account> session_accounts() {
   return {Account{"DEFAULT", "anna", AccountRole::attendant, {PasswordKind::argon2id, "x"}, true, false},
           Account{"Hotel", "bob", AccountRole::tenant_manager, {PasswordKind::argon2id, "x"}, true, false}};
}

json save_request(const std::string &hash, const std::string &tenant = "DEFAULT", const std::string &user = "anna",
                  std::int64_t expires = kSavedNow + 60'000) {
   return {{"type", "session_save"}, {"id_hash", hash},       {"tenant", tenant},
           {"user", user},           {"role", "attendant"},   {"csrf", "csrf-token"},
           {"remote", "127.0.0.1"},  {"created_ms", kSavedNow - 1000}, {"last_seen_ms", kSavedNow},
           {"expires_ms", expires}};
}

const json kListSessions = {{"type", "session_list"}};

struct SessionRig {
   TempDir dir;
   std::vector<Account> configured = session_accounts();
   std::optional<SessionCommands> commands{std::in_place, dir.path() / "portier.db"};

   json ask(const json &request, const std::string &plugin = "web", std::int64_t now = kSavedNow) {
      return commands->handle(request, plugin, configured, now);
   }
   // As after a restart of portierd: a new SessionCommands on the same store.
   void restart() { commands.emplace(dir.path() / "portier.db"); }
};

}  // namespace

TEST_CASE("a saved session is listed again after a restart, with its CSRF token and times", "[sessions]") {
   SessionRig rig;
   REQUIRE(rig.ask(save_request(kSavedHashA)) == json{{"ok", true}});
   rig.restart();
   const json answer = rig.ask(kListSessions);
   REQUIRE(answer["ok"] == true);
   REQUIRE(answer["sessions"].size() == 1);
   const json &s = answer["sessions"][0];
   CHECK(s["id_hash"] == kSavedHashA);
   CHECK(s["tenant"] == "DEFAULT");
   CHECK(s["user"] == "anna");
   CHECK(s["role"] == "attendant");
   CHECK(s["csrf"] == "csrf-token");
   CHECK(s["remote"] == "127.0.0.1");
   CHECK(s["created_ms"] == kSavedNow - 1000);
   CHECK(s["last_seen_ms"] == kSavedNow);
   CHECK(s["expires_ms"] == kSavedNow + 60'000);
}

TEST_CASE("saving a session again replaces its row", "[sessions]") {
   SessionRig rig;
   REQUIRE(rig.ask(save_request(kSavedHashA))["ok"] == true);
   json later = save_request(kSavedHashA);
   later["last_seen_ms"] = kSavedNow + 5000;
   REQUIRE(rig.ask(later)["ok"] == true);
   const json answer = rig.ask(kListSessions);
   REQUIRE(answer["sessions"].size() == 1);
   CHECK(answer["sessions"][0]["last_seen_ms"] == kSavedNow + 5000);
}

TEST_CASE("a dropped session is not listed", "[sessions]") {
   SessionRig rig;
   REQUIRE(rig.ask(save_request(kSavedHashA))["ok"] == true);
   REQUIRE(rig.ask(save_request(kSavedHashB))["ok"] == true);
   REQUIRE(rig.ask({{"type", "session_drop"}, {"id_hash", kSavedHashA}}) == json{{"ok", true}});
   const json answer = rig.ask(kListSessions);
   REQUIRE(answer["sessions"].size() == 1);
   CHECK(answer["sessions"][0]["id_hash"] == kSavedHashB);
}

TEST_CASE("each plugin instance sees and drops only its own sessions", "[sessions]") {
   SessionRig rig;
   REQUIRE(rig.ask(save_request(kSavedHashA), "web")["ok"] == true);
   CHECK(rig.ask(kListSessions, "web2")["sessions"].empty());
   REQUIRE(rig.ask({{"type", "session_drop"}, {"id_hash", kSavedHashA}}, "web2")["ok"] == true);
   CHECK(rig.ask(kListSessions, "web")["sessions"].size() == 1);
}

TEST_CASE("an expired session is purged, not listed", "[sessions]") {
   SessionRig rig;
   REQUIRE(rig.ask(save_request(kSavedHashA, "DEFAULT", "anna", kSavedNow + 1000))["ok"] == true);
   REQUIRE(rig.ask(save_request(kSavedHashB, "DEFAULT", "anna", kSavedNow + 60'000))["ok"] == true);
   const json answer = rig.ask(kListSessions, "web", kSavedNow + 1000);
   REQUIRE(answer["sessions"].size() == 1);
   CHECK(answer["sessions"][0]["id_hash"] == kSavedHashB);
   CHECK(answer["dropped"] == 1);
}

TEST_CASE("sessions of a removed or disabled account or of a tenant gone are not restored", "[sessions]") {
   SessionRig rig;
   REQUIRE(rig.ask(save_request(kSavedHashA))["ok"] == true);
   REQUIRE(rig.ask(save_request(kSavedHashB, "Hotel", "bob"))["ok"] == true);
   SECTION("disabled") {
      rig.configured[0].enabled = false;
   }
   SECTION("removed, with its tenant") {
      rig.configured.erase(rig.configured.begin());
   }
   const json answer = rig.ask(kListSessions);
   REQUIRE(answer["sessions"].size() == 1);
   CHECK(answer["sessions"][0]["user"] == "bob");
   CHECK(answer["dropped"] == 1);
   // Deleted, not only hidden: enabling the account again does not bring the session back.
   rig.configured = session_accounts();
   CHECK(rig.ask(kListSessions)["sessions"].size() == 1);
}

TEST_CASE("the role listed is the configuration's, not the one saved", "[sessions]") {
   SessionRig rig;
   REQUIRE(rig.ask(save_request(kSavedHashB, "Hotel", "bob"))["ok"] == true);  // saved as "attendant"
   CHECK(rig.ask(kListSessions)["sessions"][0]["role"] == "tenant_manager");
}

TEST_CASE("a session of an account that may not log on is not saved", "[sessions]") {
   SessionRig rig;
   const json answer = rig.ask(save_request(kSavedHashA, "DEFAULT", "nobody"));
   CHECK(answer["ok"] == false);
   CHECK(answer["error"] == "denied");
   CHECK(rig.ask(kListSessions)["sessions"].empty());
}

TEST_CASE("a session id instead of its hash, and malformed saves, are refused", "[sessions]") {
   SessionRig rig;
   json request = save_request(kSavedHashA);
   SECTION("a cookie value") { request["id_hash"] = "3q2-7wEXAMPLEcookieValueOf43charsXXXXXXXXXX"; }
   SECTION("upper-case hex") { request["id_hash"] = std::string(64, 'A'); }
   SECTION("no CSRF token") { request.erase("csrf"); }
   SECTION("a time as text") { request["created_ms"] = "now"; }
   SECTION("already expired") { request["expires_ms"] = kSavedNow; }
   const json answer = rig.ask(request);
   CHECK(answer["ok"] == false);
   CHECK(answer["error"] == "invalid");
   CHECK(rig.ask(kListSessions)["sessions"].empty());
}

TEST_CASE("without a store nothing is kept and nothing is listed", "[sessions]") {
   SessionCommands commands{std::filesystem::path()};
   CHECK(commands.handle(save_request(kSavedHashA), "web", session_accounts(), kSavedNow)["error"] == "unavailable");
   const json answer = commands.handle(kListSessions, "web", session_accounts(), kSavedNow);
   CHECK(answer["ok"] == true);
   CHECK(answer["sessions"].empty());
}
