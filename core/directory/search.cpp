// SPDX-License-Identifier: GPL-3.0-or-later
#include "directory/search.h"

#include <algorithm>
#include <charconv>

#include "directory/book_stamp.h"
#include "directory/name_sets.h"
#include "directory/name_sets_query.h"
#include "directory/search_page.h"
#include "directory/search_text.h"
#include "directory/search_tier.h"
#include "directory/statement.h"

namespace portier::directory {

namespace {

struct Position {
   MatchTier tier = MatchTier::exact;
   std::int64_t after_rank = 0;  // the last rank shown in that tier
};

// "<tier>.<rank>": where the previous page stopped.
std::string token_of(const Position &position) {
   return std::to_string(static_cast<int>(position.tier)) + "." + std::to_string(position.after_rank);
}

std::optional<Position> position_of(std::string_view token) {
   if (token.size() < 3 || token.size() > 24 || token[1] != '.' || token[0] < '1' || token[0] > '4') return std::nullopt;
   Position position;
   position.tier = static_cast<MatchTier>(token[0] - '0');
   const char *first = token.data() + 2, *last = token.data() + token.size();
   const auto [end, error] = std::from_chars(first, last, position.after_rank);
   if (error != std::errc{} || end != last || position.after_rank < 0) return std::nullopt;
   return position;
}

using Hit = PageHit;

}  // namespace

DirectoryResult<SearchPage> search(DirectoryDb &directory, std::string_view text, std::size_t page_size,
                                   std::string_view page_token, std::string_view tenant) {
   if (page_size == 0 || page_size > kMaxPageSize)
      return DirectoryError{"page size " + std::to_string(page_size) + ": 1 to " + std::to_string(kMaxPageSize)};
   auto parsed = parse_query(text);
   if (!parsed) return parsed.error();
   const SearchQuery &query = parsed.value();
   Position start{query.digits.empty() ? MatchTier::exact : MatchTier::number, 0};
   if (!page_token.empty()) {
      const auto position = position_of(page_token);
      if (!position) return DirectoryError{"page token '" + std::string(page_token) + "' is not one search gave"};
      start = *position;
   }
   // One read transaction for the page: one snapshot (the index and the rows agree even while an
   // import commits) and one WAL lock instead of one per statement.
   const ReadTransaction read(directory.statements());
   if (!read.error().empty()) return DirectoryError{"search: " + read.error()};
   // Several common words are answered from the names in memory when those show this book.
   std::optional<NameSetsQuery> in_memory;
   if (const auto &sets = directory.name_sets(); sets && query.words.size() >= 2) {
      auto stamp = read_book_stamp(directory);
      if (!stamp) return DirectoryError{"search: " + stamp.error().what};
      if (stamp.value() == sets->stamp) in_memory = NameSetsQuery::prepare(sets, query);
   }
   std::vector<Hit> hits;
   std::vector<std::int64_t> ranks;
   const std::size_t wanted = page_size + 1;  // one more tells whether another page follows
   const std::vector<MatchTier> tiers = query.digits.empty()
                                            ? std::vector<MatchTier>{MatchTier::exact, MatchTier::prefix,
                                                                     MatchTier::phonetic}
                                            : std::vector<MatchTier>{MatchTier::number};
   for (MatchTier tier : tiers) {
      if (static_cast<int>(tier) < static_cast<int>(start.tier)) continue;
      // Sound-alikes only when the names found fill less than a page, so they never push a real
      // match to a later page; a page token that is already in the tier continues it.
      if (tier == MatchTier::phonetic && start.tier != MatchTier::phonetic &&
          (!page_token.empty() || hits.size() >= page_size))
         break;
      const std::int64_t after = tier == start.tier ? start.after_rank : 0;
      ranks.clear();
      // Reached from the tiers before it, the phonetic tier knows every all-prefix row: the exact and
      // prefix tiers were read to their end (they gave less than a page), and their rows are those.
      std::vector<std::int64_t> all_prefix_rows;
      const bool known = !in_memory && tier == MatchTier::phonetic && start.tier != MatchTier::phonetic;
      if (known) {
         for (const Hit &hit : hits) all_prefix_rows.push_back(hit.rank);
         std::sort(all_prefix_rows.begin(), all_prefix_rows.end());
      }
      if (in_memory) in_memory->fetch(tier, after, wanted - hits.size(), tenant, ranks);
      else if (std::string e = fetch_tier(directory, query, tier, after, wanted - hits.size(), tenant, ranks,
                                          known ? &all_prefix_rows : nullptr);
               !e.empty())
         return DirectoryError{"search: " + e};
      for (std::int64_t rank : ranks) hits.push_back({tier, rank});
      if (hits.size() >= wanted) break;
   }

   SearchPage page;
   if (hits.size() > page_size) {
      hits.resize(page_size);
      page.next_page_token = token_of({hits.back().tier, hits.back().rank});
   }
   auto results = read_page(directory, hits);
   if (!results) return results.error();
   page.results = std::move(results.value());
   return page;
}

}  // namespace portier::directory
