// SPDX-License-Identifier: GPL-3.0-or-later
// A search page's results from the ranks the indexes found: the contact rows, their fields and
// sources, in the order of the hits.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "directory/directory_db.h"
#include "directory/search.h"

namespace portier::directory {

// One contact an index found for a page: its tier and its rank (contacts.rank).
struct PageHit {
   MatchTier tier = MatchTier::exact;
   std::int64_t rank = 0;
};

// The results of `hits`, in their order; a rank without a contact row (only inside a failed
// import) is left out. Reads inside the caller's transaction. Errors: a broken store or body.
DirectoryResult<std::vector<SearchResult>> read_page(DirectoryDb &db, std::span<const PageHit> hits);

}  // namespace portier::directory
