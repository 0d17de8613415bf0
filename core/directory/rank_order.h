// SPDX-License-Identifier: GPL-3.0-or-later
// Keeping contacts' rowids in rank order, so FTS5 hands out matches already ranked. Rowids are
// spaced kRankGap apart; a new contact takes the middle of the gap where its rank key falls, and
// when a gap is used up (or a large import arrives) every rowid is reassigned in one pass.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

struct sqlite3;

namespace portier::directory {

inline constexpr std::int64_t kRankGap = 4096;

// The rowid between the neighbours of `rank_key` among placed (positive) rowids, or nullopt when
// the gap there is used up.
std::optional<std::int64_t> rank_between_neighbours(sqlite3 *db, std::string_view rank_key);

// Rewrites contacts in rank-key order with rowids kRankGap apart and rebuilds both FTS5 indexes
// from them. Inside the caller's transaction; the error text, or "".
std::string renumber_all(sqlite3 *db);

// FTS5's pending-data limit ('hashsize'): SQLite's default, and the one while fill_indexes runs.
inline constexpr std::int64_t kDefaultHashBytes = 1 << 20;
inline constexpr std::int64_t kBulkHashBytes = 128 << 20;

// Fills both (empty) FTS5 indexes from the contacts table, each in one statement with a large
// pending-data limit, then sets the limit back. Inside the caller's transaction; the error text,
// or "".
std::string fill_indexes(sqlite3 *db);

// Makes the name index again from the contacts table alone ('rebuild'), as fill_indexes does.
std::string fill_name_index(sqlite3 *db);

// Fills the (emptied) contentless number index from every contact's digits, in rank order.
std::string index_all_numbers(sqlite3 *db);

}  // namespace portier::directory
