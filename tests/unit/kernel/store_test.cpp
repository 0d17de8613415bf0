// SPDX-License-Identifier: GPL-3.0-or-later
// The SQLite store: WAL mode, migrations, refusal of newer schemas, the publish audit.
#include <filesystem>
#include <string>

#include <catch2/catch.hpp>
#include <sqlite3.h>

#include "kernel/config_digest.h"
#include "kernel/migrations.h"
#include "kernel/store.h"
#include "temp_dir.h"

using namespace portier::kernel;
using portier::kernel::test::TempDir;

namespace {

// Runs SQL on the database file behind Store's back, as another build would.
void run_sql(const std::filesystem::path &file, const std::string &sql) {
   sqlite3 *db = nullptr;
   REQUIRE(sqlite3_open(file.c_str(), &db) == SQLITE_OK);
   char *message = nullptr;
   const int rc = sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &message);
   const std::string text = message ? message : "";
   sqlite3_free(message);
   sqlite3_close(db);
   REQUIRE(rc == SQLITE_OK);
   (void)text;
}

int count_rows(const Store &store, const char *table) {
   sqlite3_stmt *statement = nullptr;
   const std::string sql = std::string("SELECT count(*) FROM ") + table;
   REQUIRE(sqlite3_prepare_v2(store.handle(), sql.c_str(), -1, &statement, nullptr) == SQLITE_OK);
   REQUIRE(sqlite3_step(statement) == SQLITE_ROW);
   const int count = sqlite3_column_int(statement, 0);
   sqlite3_finalize(statement);
   return count;
}

}  // namespace

TEST_CASE("a fresh store creates its folders and file, in WAL mode, at the latest schema") {
   TempDir dir;
   const auto file = dir.path() / "var" / "deep" / "portier.db";
   std::string error;
   auto store = Store::open(file, error);
   REQUIRE(store);
   CHECK(error.empty());
   CHECK(std::filesystem::exists(file));
   CHECK(store->journal_mode() == "wal");
   CHECK(store->schema_version() == latest_schema_version());
   CHECK(count_rows(*store, "schema_version") == latest_schema_version());  // one row per migration
   CHECK(count_rows(*store, "config_publish") == 0);
}

TEST_CASE("reopening a store applies nothing twice") {
   TempDir dir;
   const auto file = dir.path() / "portier.db";
   std::string error;
   {
      auto store = Store::open(file, error);
      REQUIRE(store);
      REQUIRE(store->record_publish("a.yaml", "00", "published", "", error));
   }
   auto again = Store::open(file, error);
   REQUIRE(again);
   CHECK(again->schema_version() == latest_schema_version());
   CHECK(count_rows(*again, "schema_version") == latest_schema_version());
   CHECK(again->recent_publishes(10).size() == 1);
}

TEST_CASE("a store from a newer build is refused, naming both versions, and left untouched") {
   TempDir dir;
   const auto file = dir.path() / "portier.db";
   run_sql(file,
           "CREATE TABLE schema_version (version INTEGER PRIMARY KEY, description TEXT NOT NULL,"
           " applied_at TEXT NOT NULL);"
           "INSERT INTO schema_version VALUES (1, 'one', 'x'), (7, 'seven', 'y');");
   const auto size_before = std::filesystem::file_size(file);
   std::string error;
   auto store = Store::open(file, error);
   CHECK_FALSE(store);
   CHECK(error.find("schema version 7") != std::string::npos);
   CHECK(error.find("version " + std::to_string(latest_schema_version()) + " that this build") != std::string::npos);
   CHECK(std::filesystem::file_size(file) == size_before);
   CHECK_FALSE(std::filesystem::exists(dir.path() / "portier.db-wal"));
}

TEST_CASE("a file that is not a database is refused with a reason") {
   TempDir dir;
   const auto file = dir.path() / "portier.db";
   {
      std::FILE *f = std::fopen(file.c_str(), "wb");
      REQUIRE(f);
      const std::string junk(4096, 'j');
      std::fwrite(junk.data(), 1, junk.size(), f);
      std::fclose(f);
   }
   std::string error;
   CHECK_FALSE(Store::open(file, error));
   CHECK(error.find("not a database") != std::string::npos);
}

TEST_CASE("a store whose folder cannot be created is refused with a reason") {
   TempDir dir;
   const auto blocker = dir.path() / "file";
   run_sql(blocker, "CREATE TABLE t(x)");  // a regular file where a folder should be
   std::string error;
   CHECK_FALSE(Store::open(blocker / "sub" / "portier.db", error));
   CHECK(error.find("cannot create the folder") != std::string::npos);
}

TEST_CASE("published configurations are recorded and read back newest first") {
   TempDir dir;
   std::string error;
   auto store = Store::open(dir.path() / "portier.db", error);
   REQUIRE(store);
   const std::string digest = sha256_hex("system: {}\n");
   REQUIRE(store->record_publish("/etc/portier/portier.yaml", digest, "published", "", error));
   REQUIRE(store->record_publish("/etc/portier/portier.yaml", digest, "rejected",
                                 "portier.yaml:1:1: unknown key 'x'", error));
   const auto records = store->recent_publishes(10);
   REQUIRE(records.size() == 2);
   CHECK(records[0].outcome == "rejected");
   CHECK(records[0].message == "portier.yaml:1:1: unknown key 'x'");
   CHECK(records[1].outcome == "published");
   CHECK(records[1].file == "/etc/portier/portier.yaml");
   CHECK(records[1].sha256 == digest);
   CHECK(records[0].id > records[1].id);
   // 2024-05-01T12:00:00Z
   REQUIRE(records[0].at.size() == 20);
   CHECK(records[0].at[4] == '-');
   CHECK(records[0].at[10] == 'T');
   CHECK(records[0].at[19] == 'Z');
   CHECK(store->recent_publishes(1).size() == 1);
   CHECK(store->recent_publishes(0).empty());
}

TEST_CASE("a moved store keeps working and leaves the old one empty") {
   TempDir dir;
   std::string error;
   auto first = Store::open(dir.path() / "portier.db", error);
   REQUIRE(first);
   Store second = std::move(*first);
   CHECK(first->handle() == nullptr);
   CHECK(second.schema_version() == latest_schema_version());
}

TEST_CASE("sha256_hex matches the published test vectors") {
   CHECK(sha256_hex("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
   CHECK(sha256_hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}
