// SPDX-License-Identifier: GPL-3.0-or-later
// What one sync run of a phone-book source did, kept per source in the phone book's own file so
// `directory_report` shows the last run after a restart too.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "directory/directory_db.h"

namespace portier::kernel {

inline constexpr std::size_t kMaxListedRejects = 1000;  // listed; the count has them all

struct SyncReject {
   std::uint64_t position = 0;  // the source's line or entry number (1-based), or the row; 0 unknown
   std::string source_id;
   std::string reason;
};

struct SyncReport {
   std::string source;
   std::string tenant;
   std::string started;         // UTC, ISO 8601
   std::string finished;        // "" while running
   bool ok = false;
   std::string error;           // why it failed; "" when ok
   std::size_t received = 0;    // records the source handed over
   std::size_t added = 0, updated = 0, deleted = 0, unchanged = 0;
   std::size_t rejected = 0;    // all of them, by the source and by the phone book
   std::vector<SyncReject> rejects;  // at most kMaxListedRejects

   // Adds a reject, listing it while the list has room.
   void reject(SyncReject row);
   // One line for the log: "directory.csv: ok, 1200 received, 3 added, ...".
   std::string summary_line() const;
};

// `with_rejects` false: the counts only (directory_status).
nlohmann::json to_json(const SyncReport &report, bool with_rejects);
std::optional<SyncReport> report_from_json(const nlohmann::json &j);

// Keeps the last report of each source in table directory_sync_reports. Errors are returned as
// text ("" on success). [engine]
std::string store_report(directory::DirectoryDb &db, const SyncReport &report);
// The last report of every source that has one.
std::vector<SyncReport> load_reports(directory::DirectoryDb &db);

}  // namespace portier::kernel
