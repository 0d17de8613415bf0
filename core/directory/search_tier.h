// SPDX-License-Identifier: GPL-3.0-or-later
// One search tier's matches in rank order, from the name or number index.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "directory/directory_db.h"
#include "directory/search_query.h"

namespace portier::directory {

// Driver rows (search_query.h, driver_expression) a tier reads and tests at most before it asks
// FTS5 for the tier's own expression after the last of them; and the rows read before the share
// of matches so far decides whether reading on is likely to fill the page within that bound. A
// driver row costs 2-6 µs (the contact's row is read and tokenized), a row of FTS5's merge of a
// 6+ letter prefix about 0.1 µs: the driver pays only where most of its rows match a prefix that
// many rows share ("mannma" among "mannm"); elsewhere it stops after a few dozen rows and the
// merge, small for so long a prefix, goes on (docs/directory.md, "Search tiers and paging").
inline constexpr std::size_t kDriverScanRows = 48;
inline constexpr std::size_t kDriverSampleRows = 16;

// Rows a tenant's search reads without its scope before it asks FTS5 with the scope ANDed in
// (search_tier.cpp, scan_unscoped): enough for a tenant holding most of the book to fill a page,
// few enough that a small tenant loses about 0.1 ms.
inline constexpr std::size_t kUnscopedRows = 64;

// Appends to `ranks` the ranks (contacts.rank) of up to `limit` matches of `tier` after rank
// `after`, ascending. `tenant` non-empty: that tenant's and every tenant's ("*") contacts only.
// `all_prefix_rows`, for the phonetic tier only: when not null, every row (of the tenant's) that
// matches all words as prefixes, ascending, as the exact and prefix tiers read to their end gave
// them; the tier then drops those rows itself instead of having FTS5 find them again
// (phonetic_candidates_expression). Reads inside the caller's transaction; one thread at a time
// per `db`. Returns "" or SQLite's error.
std::string fetch_tier(DirectoryDb &db, const SearchQuery &query, MatchTier tier, std::int64_t after, std::size_t limit,
                       std::string_view tenant, std::vector<std::int64_t> &ranks,
                       const std::vector<std::int64_t> *all_prefix_rows = nullptr);

}  // namespace portier::directory
