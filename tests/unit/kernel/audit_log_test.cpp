// SPDX-License-Identifier: GPL-3.0-or-later
// The audit of log-ons in the store: migration, order, tenant filter, paging, bounds.
#include <filesystem>
#include <string>

#include <catch2/catch.hpp>
#include <sqlite3.h>

#include "kernel/audit_log.h"
#include "kernel/migrations.h"
#include "kernel/store.h"
#include "temp_dir.h"

using namespace portier::kernel;
using portier::kernel::test::TempDir;

namespace {

AuditEntry entry(std::string tenant, std::string user, std::string action) {
   return AuditEntry{0, "2026-11-29T10:00:00.123Z", std::move(tenant), std::move(user), std::move(action),
                     "127.0.0.1", ""};
}

std::int64_t append(Store &store, const AuditEntry &e, std::int64_t max_rows = kAuditMaxRows) {
   std::string error;
   const auto id = append_audit(store, e, error, max_rows);
   INFO(error);
   REQUIRE(id.has_value());
   return *id;
}

std::vector<AuditEntry> query(const Store &store, AuditQuery q) {
   std::string error;
   auto entries = query_audit(store, q, error);
   INFO(error);
   REQUIRE(error.empty());
   return entries;
}

}  // namespace

TEST_CASE("the audit table is added to a store made before it existed", "[audit]") {
   TempDir dir;
   const auto file = dir.path() / "portier.db";
   {
      sqlite3 *db = nullptr;
      REQUIRE(sqlite3_open(file.c_str(), &db) == SQLITE_OK);
      // A store at schema 3, as the previous build left it.
      std::string sql = "PRAGMA journal_mode=WAL; CREATE TABLE schema_version (version INTEGER PRIMARY KEY,"
                        " description TEXT NOT NULL, applied_at TEXT NOT NULL);";
      for (const Migration &m : migrations()) {
         if (m.version > 3) break;
         sql += std::string(m.sql) + "INSERT INTO schema_version VALUES (" + std::to_string(m.version) +
                ", 'old', '2026-01-01T00:00:00Z');";
      }
      REQUIRE(sqlite3_exec(db, sql.c_str(), nullptr, nullptr, nullptr) == SQLITE_OK);
      sqlite3_close(db);
   }
   std::string error;
   auto store = Store::open(file, error);
   INFO(error);
   REQUIRE(store);
   CHECK(store->schema_version() == latest_schema_version());
   CHECK(latest_schema_version() >= 4);
   CHECK(append(*store, entry("DEFAULT", "anna", "log_on")) == 1);
   CHECK(query(*store, {}).size() == 1);
}

TEST_CASE("audit entries come newest first with every field", "[audit]") {
   TempDir dir;
   std::string error;
   auto store = Store::open(dir.path() / "portier.db", error);
   REQUIRE(store);
   append(*store, entry("DEFAULT", "anna", "log_on"));
   AuditEntry failed = entry("DEFAULT", "bob", "log_on_failed");
   failed.detail = "wrong password";
   failed.remote = "::1";
   append(*store, failed);
   const auto entries = query(*store, {});
   REQUIRE(entries.size() == 2);
   CHECK(entries[0].id == 2);
   CHECK(entries[0].user == "bob");
   CHECK(entries[0].action == "log_on_failed");
   CHECK(entries[0].detail == "wrong password");
   CHECK(entries[0].remote == "::1");
   CHECK(entries[0].time == "2026-11-29T10:00:00.123Z");
   CHECK(entries[1].user == "anna");
}

TEST_CASE("the audit log filters by tenant and pages with before", "[audit]") {
   TempDir dir;
   std::string error;
   auto store = Store::open(dir.path() / "portier.db", error);
   REQUIRE(store);
   for (int i = 0; i < 10; ++i) append(*store, entry(i % 2 == 0 ? "DEFAULT" : "Hotel", "u" + std::to_string(i), "log_on"));
   AuditQuery hotel;
   hotel.tenant = "Hotel";
   const auto hotel_rows = query(*store, hotel);
   REQUIRE(hotel_rows.size() == 5);
   for (const auto &row : hotel_rows) CHECK(row.tenant == "Hotel");
   CHECK(hotel_rows.front().id == 10);

   AuditQuery page;
   page.limit = 3;
   const auto first = query(*store, page);
   REQUIRE(first.size() == 3);
   CHECK(first.back().id == 8);
   page.before = first.back().id;
   const auto second = query(*store, page);
   REQUIRE(second.size() == 3);
   CHECK(second.front().id == 7);
   CHECK(second.back().id == 5);
   page.before = 2;
   CHECK(query(*store, page).size() == 1);
}

TEST_CASE("audit fields are cut to 128 bytes without splitting a character", "[audit]") {
   TempDir dir;
   std::string error;
   auto store = Store::open(dir.path() / "portier.db", error);
   REQUIRE(store);
   AuditEntry e = entry("DEFAULT", std::string(127, 'a') + "\xc3\xa4" + "tail", "log_on_failed");
   e.remote = std::string(300, '1');
   e.detail = std::string(500, 'x');
   append(*store, e);
   const auto rows = query(*store, {});
   REQUIRE(rows.size() == 1);
   CHECK(rows[0].user == std::string(127, 'a'));  // the two-byte ä would end past byte 128
   CHECK(rows[0].remote.size() == 128);
   CHECK(rows[0].detail.size() == 128);
   CHECK(cut_to_bytes("short", 128) == "short");
}

TEST_CASE("the audit table keeps only the newest rows", "[audit]") {
   TempDir dir;
   std::string error;
   auto store = Store::open(dir.path() / "portier.db", error);
   REQUIRE(store);
   for (int i = 0; i < 12; ++i) append(*store, entry("DEFAULT", "u" + std::to_string(i), "log_on"), 5);
   AuditQuery all;
   all.limit = 100;
   const auto rows = query(*store, all);
   REQUIRE(rows.size() == 5);
   CHECK(rows.front().user == "u11");
   CHECK(rows.back().user == "u7");
}
