// SPDX-License-Identifier: GPL-3.0-or-later
#include "directory/search_page.h"

#include <algorithm>

#include "directory/contact_json.h"
#include "directory/result_body.h"
#include "directory/statement.h"

namespace portier::directory {

namespace {

// Hits read by one statement: a console's page. Larger pages take several; unused slots are NULL,
// which no rank equals.
constexpr std::size_t kChunk = 20;

// One row per source row of each contact (LEFT JOIN: a contact without rows still comes, and its
// missing body is an error as before). A contact of one source row has no body of its own: its
// row's is read (directory_db.cpp). The sources come from the index on contact_id, so the body of a
// merged contact's rows is never read.
constexpr std::string_view kPageSql =
    "SELECT c.rank, c.id, coalesce(c.body, r.body), r.source FROM contacts c "
    "LEFT JOIN source_rows r ON r.contact_id = c.id "
    "WHERE c.rank IN (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,?13,?14,?15,?16,?17,?18,?19,?20)";

// Fills `result` from `body`: the direct reader, else contact_from_json (its error, or the values
// of a text Portier did not write).
std::optional<DirectoryError> fill(SearchResult &result, std::string_view body) {
   if (read_result_body(body, result)) return std::nullopt;
   auto stored = contact_from_json(body);
   if (!stored) return DirectoryError{"contact " + std::to_string(result.contact_id) + ": " + stored.error().what};
   Contact &c = stored.value();
   result.display_name = display_name_of(c);
   result.given_name = std::move(c.name.given);
   result.family_name = std::move(c.name.family);
   result.company = std::move(c.company);
   result.department = std::move(c.department);
   result.location = std::move(c.location);
   result.building = std::move(c.building);
   result.numbers = std::move(c.numbers);
   result.extension = std::move(c.extension);
   result.emails = std::move(c.emails);
   return std::nullopt;
}

// Reads `hits` (at most kChunk) into `slots`, the same positions; a slot whose contact_id stays 0
// found no contact.
std::optional<DirectoryError> read_chunk(Statement &page, std::span<const PageHit> hits, std::span<SearchResult> slots) {
   for (std::size_t i = 0; i < kChunk; ++i) {
      if (i < hits.size()) page.bind(static_cast<int>(i + 1), hits[i].rank);
      else page.bind_null(static_cast<int>(i + 1));
   }
   while (page.step()) {
      const std::int64_t rank = page.column_int(0);
      // Each hit of this rank: a rank comes once per tier at most, so this is one slot in practice.
      for (std::size_t i = 0; i < hits.size(); ++i) {
         if (hits[i].rank != rank) continue;
         SearchResult &result = slots[i];
         if (result.contact_id == 0) {
            result.contact_id = page.column_int(1);
            result.tier = hits[i].tier;
            if (auto error = fill(result, page.column_view(2))) {
               page.reset();
               return error;
            }
         }
         if (!page.column_is_null(3)) result.sources.emplace_back(page.column_view(3));
      }
   }
   std::string error = page.error();
   page.reset();
   if (!error.empty()) return DirectoryError{"search page: " + error};
   return std::nullopt;
}

}  // namespace

DirectoryResult<std::vector<SearchResult>> read_page(DirectoryDb &directory, std::span<const PageHit> hits) {
   std::vector<SearchResult> slots(hits.size());
   Statement &page = directory.statements().get(kPageSql);
   for (std::size_t first = 0; first < hits.size(); first += kChunk) {
      const std::size_t count = std::min(kChunk, hits.size() - first);
      if (auto error = read_chunk(page, hits.subspan(first, count), std::span(slots).subspan(first, count)))
         return *error;
   }
   std::vector<SearchResult> results;
   results.reserve(slots.size());
   for (SearchResult &result : slots) {
      if (result.contact_id == 0) continue;  // the index and the table disagree only inside a failed run
      // Sorted and once each, as sources_of gives them (a source may hold several rows of one contact).
      if (result.sources.size() > 1) {
         std::sort(result.sources.begin(), result.sources.end());
         result.sources.erase(std::unique(result.sources.begin(), result.sources.end()), result.sources.end());
      }
      results.push_back(std::move(result));
   }
   return results;
}

}  // namespace portier::directory
