// SPDX-License-Identifier: GPL-3.0-or-later
// The embedded SQLite database: opened in WAL mode and migrated to this build's schema.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

struct sqlite3;

namespace portier::kernel {

// One row of the audit of published configurations.
struct PublishRecord {
   std::int64_t id = 0;
   std::string at;       // UTC, ISO 8601: 2024-05-01T12:00:00Z
   std::string file;
   std::string sha256;
   std::string outcome;  // e.g. "published", "rejected"
   std::string message;
};

// Owns one connection. Not shared between threads: the kernel uses it from one.
class Store {
public:
   // Creates missing parent folders, opens or creates the database, checks WAL mode took, and
   // applies the migrations it lacks. A database from a newer build is refused untouched.
   static std::optional<Store> open(const std::filesystem::path &path, std::string &error);

   Store(Store &&other) noexcept;
   Store &operator=(Store &&other) noexcept;
   Store(const Store &) = delete;
   Store &operator=(const Store &) = delete;
   ~Store();

   int schema_version() const;     // the highest applied migration; 0 on a failed query
   std::string journal_mode() const;  // "wal" when healthy

   bool record_publish(std::string_view file, std::string_view sha256, std::string_view outcome,
                       std::string_view message, std::string &error);
   // Newest first, at most `limit` rows.
   std::vector<PublishRecord> recent_publishes(int limit) const;

   sqlite3 *handle() const { return db_; }

private:
   explicit Store(sqlite3 *db) : db_(db) {}
   sqlite3 *db_ = nullptr;
};

}  // namespace portier::kernel
