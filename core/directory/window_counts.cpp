// SPDX-License-Identifier: GPL-3.0-or-later
#include "directory/window_counts.h"

#include <sqlite3.h>

#include "directory/number_tokens.h"

namespace portier::directory {

void WindowCounts::forget_if_changed() {
   // data_version moves when another connection commits; total_changes when this one writes.
   Statement &version = statements_.get("PRAGMA data_version");
   const std::int64_t data_version = version.step() ? version.column_int(0) : -1;
   version.reset();
   const std::pair<std::int64_t, std::int64_t> now{data_version, sqlite3_total_changes64(db_)};
   if (now == read_at_ && data_version >= 0) return;
   rows_.clear();
   read_at_ = now;
   last_rank_ = -1;
}

std::size_t WindowCounts::rows(std::string_view window) {
   if (const auto known = rows_.find(window); known != rows_.end()) return known->second;
   if (last_rank_ < 0) {
      Statement &last = statements_.get("SELECT coalesce(max(rank), 0) FROM contacts");
      last_rank_ = last.step() ? last.column_int(0) : 0;
      last.reset();
   }
   Statement &sample =
       statements_.get("SELECT rowid FROM number_index WHERE number_index MATCH ?1 ORDER BY rowid LIMIT ?2");
   sample.bind(1, "\"" + std::string(window) + "\"").bind(2, static_cast<std::int64_t>(kWindowSample));
   std::size_t read = 0;
   std::int64_t rank = 0;
   while (sample.step()) {
      ++read;
      rank = sample.column_int(0);
   }
   const bool failed = !sample.error().empty();
   sample.reset();
   std::size_t rows = read;
   if (failed) rows = kCommonWindowRows;
   else if (read == kWindowSample && rank > 0)
      rows = static_cast<std::size_t>(static_cast<double>(read) * static_cast<double>(last_rank_) / static_cast<double>(rank));
   rows_.emplace(window, rows);
   return rows;
}

}  // namespace portier::directory
