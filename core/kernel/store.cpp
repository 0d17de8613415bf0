// SPDX-License-Identifier: GPL-3.0-or-later
#include "kernel/store.h"

#include <memory>
#include <system_error>
#include <utility>

#include <sqlite3.h>

#include "kernel/migrations.h"
#include "kernel/sql_statement.h"

namespace portier::kernel {

namespace {

constexpr int kBusyTimeoutMs = 5000;
constexpr const char *kNow = "strftime('%Y-%m-%dT%H:%M:%SZ','now')";

// The first column of the first row as an integer; nullopt on error.
std::optional<std::int64_t> query_int(sqlite3 *db, std::string_view sql, std::string &error) {
   Statement statement = prepare(db, sql, error);
   if (!statement) return std::nullopt;
   const int rc = sqlite3_step(statement.get());
   if (rc == SQLITE_ROW) return sqlite3_column_int64(statement.get(), 0);
   if (rc == SQLITE_DONE) return 0;
   error = sqlite3_errmsg(db);
   return std::nullopt;
}

// The version recorded in the file, without changing it: 0 for a new database.
std::optional<int> recorded_version(sqlite3 *db, std::string &error) {
   const auto has_table = query_int(
       db, "SELECT count(*) FROM sqlite_master WHERE type='table' AND name='schema_version'", error);
   if (!has_table) return std::nullopt;
   if (*has_table == 0) return 0;
   const auto version = query_int(db, "SELECT coalesce(max(version), 0) FROM schema_version", error);
   if (!version) return std::nullopt;
   return static_cast<int>(*version);
}

bool apply(sqlite3 *db, const Migration &migration, std::string &error) {
   if (!exec(db, "BEGIN IMMEDIATE", error)) return false;
   // Another process may have applied it while we waited for the write lock.
   const auto current = recorded_version(db, error);
   bool ok = current.has_value();
   if (ok && *current < migration.version) {
      ok = exec(db, std::string(migration.sql), error);
      if (ok) {
         Statement insert = prepare(
             db, std::string("INSERT INTO schema_version(version, description, applied_at) VALUES (?, ?, ") +
                     kNow + ")",
             error);
         ok = insert && sqlite3_bind_int(insert.get(), 1, migration.version) == SQLITE_OK &&
              bind_text(insert.get(), 2, migration.description) &&
              sqlite3_step(insert.get()) == SQLITE_DONE;
         if (insert && !ok) error = sqlite3_errmsg(db);
      }
   }
   if (ok) return exec(db, "COMMIT", error);
   std::string ignored;
   exec(db, "ROLLBACK", ignored);
   error = "migration " + std::to_string(migration.version) + " (" +
           std::string(migration.description) + ") failed: " + error;
   return false;
}

bool prepare_database(sqlite3 *db, std::string &error) {
   sqlite3_busy_timeout(db, kBusyTimeoutMs);
   const auto found = recorded_version(db, error);
   if (!found) return false;
   if (*found > latest_schema_version()) {
      error = "the database has schema version " + std::to_string(*found) +
              ", newer than version " + std::to_string(latest_schema_version()) +
              " that this build of Portier knows; use a newer Portier";
      return false;
   }
   std::string mode;
   {
      Statement statement = prepare(db, "PRAGMA journal_mode=WAL", error);
      if (!statement) return false;
      if (sqlite3_step(statement.get()) == SQLITE_ROW) mode = column_text(statement.get(), 0);
   }
   if (mode != "wal") {
      error = "cannot switch the database to WAL mode (journal mode is '" + mode + "')";
      return false;
   }
   if (!exec(db, "PRAGMA foreign_keys=ON", error)) return false;
   if (!exec(db,
             "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY,"
             " description TEXT NOT NULL, applied_at TEXT NOT NULL)",
             error))
      return false;
   for (const Migration &migration : migrations()) {
      if (migration.version > *found && !apply(db, migration, error)) return false;
   }
   return true;
}

}  // namespace

std::optional<Store> Store::open(const std::filesystem::path &path, std::string &error) {
   std::error_code ec;
   if (path.has_parent_path()) {
      std::filesystem::create_directories(path.parent_path(), ec);
      if (ec) {
         error = "cannot create the folder " + path.parent_path().string() + ": " + ec.message();
         return std::nullopt;
      }
   }
   sqlite3 *raw = nullptr;
   const int rc = sqlite3_open_v2(path.c_str(), &raw, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE,
                                  nullptr);
   Store store(raw);  // owns the handle even when opening failed
   if (rc != SQLITE_OK) {
      error = "cannot open the store " + path.string() + ": " +
              (raw ? sqlite3_errmsg(raw) : sqlite3_errstr(rc));
      return std::nullopt;
   }
   std::string reason;
   if (!prepare_database(raw, reason)) {
      error = "cannot open the store " + path.string() + ": " + reason;
      return std::nullopt;
   }
   return std::optional<Store>(std::move(store));
}

Store::Store(Store &&other) noexcept : db_(std::exchange(other.db_, nullptr)) {}

Store &Store::operator=(Store &&other) noexcept {
   if (this != &other) {
      sqlite3_close_v2(db_);
      db_ = std::exchange(other.db_, nullptr);
   }
   return *this;
}

Store::~Store() { sqlite3_close_v2(db_); }

int Store::schema_version() const {
   std::string error;
   const auto version = recorded_version(db_, error);
   return version ? *version : 0;
}

std::string Store::journal_mode() const {
   std::string error;
   Statement statement = prepare(db_, "PRAGMA journal_mode", error);
   if (!statement || sqlite3_step(statement.get()) != SQLITE_ROW) return {};
   return column_text(statement.get(), 0);
}

bool Store::record_publish(std::string_view file, std::string_view sha256, std::string_view outcome,
                           std::string_view message, std::string &error) {
   Statement insert = prepare(
       db_,
       std::string("INSERT INTO config_publish(at, file, sha256, outcome, message) VALUES (") +
           kNow + ", ?, ?, ?, ?)",
       error);
   if (!insert) return false;
   if (!bind_text(insert.get(), 1, file) || !bind_text(insert.get(), 2, sha256) ||
       !bind_text(insert.get(), 3, outcome) || !bind_text(insert.get(), 4, message) ||
       sqlite3_step(insert.get()) != SQLITE_DONE) {
      error = sqlite3_errmsg(db_);
      return false;
   }
   return true;
}

std::vector<PublishRecord> Store::recent_publishes(int limit) const {
   std::vector<PublishRecord> records;
   if (limit <= 0) return records;
   std::string error;
   Statement select = prepare(
       db_, "SELECT id, at, file, sha256, outcome, message FROM config_publish ORDER BY id DESC LIMIT ?",
       error);
   if (!select || sqlite3_bind_int(select.get(), 1, limit) != SQLITE_OK) return records;
   while (sqlite3_step(select.get()) == SQLITE_ROW) {
      records.push_back(PublishRecord{sqlite3_column_int64(select.get(), 0),
                                      column_text(select.get(), 1), column_text(select.get(), 2),
                                      column_text(select.get(), 3), column_text(select.get(), 4),
                                      column_text(select.get(), 5)});
   }
   return records;
}

}  // namespace portier::kernel
