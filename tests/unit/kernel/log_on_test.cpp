// SPDX-License-Identifier: GPL-3.0-or-later
// The kernel's log-on commands (authenticate, session_ended, audit_log) on the engine loop's
// simulated clock, with the password worker running for real.
#include <chrono>
#include <thread>
#include <vector>

#include <catch2/catch.hpp>

#include "kernel/log_on.h"
#include "temp_dir.h"
#include "test_hashes.h"

using namespace portier::kernel;
using portier::engine::Account;
using portier::engine::AccountPassword;
using portier::engine::AccountRole;
using portier::engine::PasswordKind;
using portier::kernel::test::TempDir;
using namespace portier::kernel::test;
using nlohmann::json;

namespace {


std::vector<Account> accounts() {
   std::vector<Account> list;
   list.push_back(Account{"DEFAULT", "anna", AccountRole::attendant, {PasswordKind::argon2id, kAnnaHash}, true, false});
   list.push_back(Account{"Hotel", "bob", AccountRole::tenant_manager, {PasswordKind::argon2id, kBobHash}, true, false});
   list.push_back(Account{"DEFAULT", "carl", AccountRole::attendant, {PasswordKind::argon2id, kAnnaHash}, false, false});
   return list;
}

struct Rig {
   TempDir dir;
   SimulatedClock clock{1000 * kOneSecondUs};
   EngineLoop loop{clock, 1024};
   LogOn log_on;
   std::vector<json> answers;

   explicit Rig(std::size_t queue = 16) : log_on(loop, options(dir, queue)) { loop.adopt_current_thread(); }

   static LogOnOptions options(const TempDir &dir, std::size_t queue) {
      LogOnOptions o;
      o.store_path = dir.path() / "portier.db";
      o.queue = queue;
      o.dummy_cost = HashCost{1, 8u * 1024 * 1024};
      return o;
   }

   void send(const json &request) {
      log_on.handle(request, accounts(), [this](json fields) { answers.push_back(std::move(fields)); });
   }
   // Runs the loop until `count` answers arrived (the worker posts them back), for at most 20 s.
   void await(std::size_t count) {
      for (int i = 0; i < 4000 && answers.size() < count; ++i) {
         loop.run_ready();
         if (answers.size() < count) std::this_thread::sleep_for(std::chrono::milliseconds(5));
      }
      REQUIRE(answers.size() >= count);
   }
   json ask(const json &request) {
      const std::size_t before = answers.size();
      send(request);
      await(before + 1);
      return answers.back();
   }
   json log_on_as(const std::string &tenant, const std::string &user, const std::string &password,
                  const std::string &remote = "127.0.0.1") {
      return ask({{"type", "authenticate"}, {"tenant", tenant}, {"user", user}, {"password", password}, {"remote", remote}});
   }
   json audit(json request = json::object()) {
      request["type"] = "audit_log";
      return ask(request);
   }
};

const json kDenied = {{"ok", false}, {"error", "denied"}, {"message", "wrong tenant, user or password"}};

}  // namespace

TEST_CASE("the right password logs on and answers the account with its role", "[log-on]") {
   Rig rig;
   const json answer = rig.log_on_as("DEFAULT", "anna", "secret-anna");
   CHECK(answer == json{{"ok", true}, {"account", {{"tenant", "DEFAULT"}, {"user", "anna"}, {"role", "attendant"}}}});
   CHECK(rig.log_on_as("Hotel", "bob", "secret-bob")["account"]["role"] == "tenant_manager");
   const json entries = rig.audit()["entries"];
   REQUIRE(entries.size() == 2);
   CHECK(entries[0]["user"] == "bob");
   CHECK(entries[1]["action"] == "log_on");
   CHECK(entries[1]["remote"] == "127.0.0.1");
}

TEST_CASE("wrong password, unknown user, wrong tenant and a disabled account get one and the same answer",
          "[log-on]") {
   Rig rig;
   CHECK(rig.log_on_as("DEFAULT", "anna", "secret-bob") == kDenied);
   CHECK(rig.log_on_as("DEFAULT", "nobody", "secret-anna") == kDenied);
   CHECK(rig.log_on_as("Hotel", "anna", "secret-anna") == kDenied);
   CHECK(rig.log_on_as("DEFAULT", "carl", "secret-anna") == kDenied);  // disabled, though the password matches
   const json entries = rig.audit()["entries"];
   REQUIRE(entries.size() == 4);
   CHECK(entries[0]["action"] == "log_on_failed");
   CHECK(entries[0]["detail"] == "account disabled");
   CHECK(entries[1]["detail"] == "unknown account");
   CHECK(entries[3]["detail"] == "wrong password");
}

TEST_CASE("five failed log-ons lock the account for 30 s without checking a hash", "[log-on]") {
   Rig rig;
   for (int i = 0; i < 5; ++i) CHECK(rig.log_on_as("DEFAULT", "anna", "guess") == kDenied);
   const json locked = rig.log_on_as("default", "ANNA", "secret-anna");  // the case does not matter
   CHECK(locked["ok"] == false);
   CHECK(locked["error"] == "locked");
   CHECK(locked["retry_after_ms"] == 30000);
   CHECK(locked["message"] == "too many failed log-ons; try again in 30 s");
   CHECK(rig.audit({{"limit", 1}})["entries"][0]["action"] == "log_on_locked");
   rig.loop.advance(29 * kOneSecondUs);
   CHECK(rig.log_on_as("DEFAULT", "anna", "secret-anna")["retry_after_ms"] == 1000);
   rig.loop.advance(1 * kOneSecondUs);
   CHECK(rig.log_on_as("DEFAULT", "anna", "secret-anna")["ok"] == true);
   CHECK(rig.log_on_as("DEFAULT", "anna", "guess") == kDenied);  // the success reset the count
}

TEST_CASE("twenty failures from one address lock that address", "[log-on]") {
   Rig rig;
   for (int i = 0; i < 20; ++i) rig.log_on_as("DEFAULT", "user" + std::to_string(i), "guess", "127.0.11.1");
   CHECK(rig.log_on_as("DEFAULT", "anna", "secret-anna", "127.0.11.1")["error"] == "locked");
   CHECK(rig.log_on_as("DEFAULT", "anna", "secret-anna", "127.0.11.2")["ok"] == true);
}

TEST_CASE("more log-ons than the queue holds are answered busy", "[log-on]") {
   Rig rig(2);
   const json request = {{"type", "authenticate"}, {"tenant", "DEFAULT"}, {"user", "anna"}, {"password", "secret-anna"}};
   for (int i = 0; i < 10; ++i) rig.send(request);
   rig.await(10);
   int busy = 0;
   for (const json &answer : rig.answers) {
      if (answer.value("error", "") == "busy") ++busy;
      else CHECK(answer["ok"] == true);
   }
   CHECK(busy >= 6);
}

TEST_CASE("a log-on with missing or oversized fields is invalid", "[log-on]") {
   Rig rig;
   CHECK(rig.ask({{"type", "authenticate"}, {"tenant", "DEFAULT"}, {"user", "anna"}})["error"] == "invalid");
   CHECK(rig.ask({{"type", "authenticate"}, {"tenant", "DEFAULT"}, {"user", 7}, {"password", "x"}})["error"] == "invalid");
   CHECK(rig.ask({{"type", "authenticate"}, {"tenant", ""}, {"user", "anna"}, {"password", "x"}})["error"] == "invalid");
   CHECK(rig.ask({{"type", "authenticate"}, {"tenant", "DEFAULT"}, {"user", "anna"}, {"password", std::string(2000, 'x')}})["error"] ==
         "invalid");
   CHECK(rig.audit()["entries"].empty());  // nothing was checked, nothing counted
}

TEST_CASE("an ended session is written to the audit log with its reason", "[log-on]") {
   Rig rig;
   const json base = {{"type", "session_ended"}, {"tenant", "DEFAULT"}, {"user", "anna"}, {"remote", "127.0.0.1"}};
   for (const char *reason : {"log_off", "expired", "closed"}) {
      json request = base;
      request["reason"] = reason;
      CHECK(rig.ask(request) == json{{"ok", true}});
   }
   json bad = base;
   bad["reason"] = "bored";
   CHECK(rig.ask(bad)["error"] == "invalid");
   const json entries = rig.audit()["entries"];
   REQUIRE(entries.size() == 3);
   CHECK(entries[0]["action"] == "session_closed");
   CHECK(entries[1]["action"] == "session_expired");
   CHECK(entries[2]["action"] == "log_off");
}

TEST_CASE("the audit log answers one tenant's entries and pages with before", "[log-on]") {
   Rig rig;
   rig.log_on_as("DEFAULT", "anna", "secret-anna");
   rig.log_on_as("Hotel", "bob", "secret-bob");
   rig.log_on_as("DEFAULT", "anna", "wrong");
   const json hotel = rig.audit({{"tenant", "Hotel"}})["entries"];
   REQUIRE(hotel.size() == 1);
   CHECK(hotel[0]["user"] == "bob");
   const json first = rig.audit({{"limit", 2}})["entries"];
   REQUIRE(first.size() == 2);
   const json rest = rig.audit({{"before", first[1]["id"]}})["entries"];
   REQUIRE(rest.size() == 1);
   CHECK(rest[0]["user"] == "anna");
   CHECK(rest[0]["action"] == "log_on");
   CHECK(rest[0]["time"].get<std::string>().size() == 24);  // 2026-11-29T10:00:00.123Z
   CHECK(rig.audit({{"limit", 0}})["error"] == "invalid");
   CHECK(rig.audit({{"before", "x"}})["error"] == "invalid");
}
