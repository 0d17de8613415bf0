// SPDX-License-Identifier: GPL-3.0-or-later
#include "directory/search.h"

#include <charconv>

#include <sqlite3.h>

#include "directory/contact_json.h"
#include "directory/contact_lookup.h"
#include "directory/search_text.h"
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

struct Hit {
   MatchTier tier;
   std::int64_t rank;
};

// With a tenant, the expression also asks for the tenant's scope token or every tenant's: the
// index yields only that book's matches in rank order, so a small tenant of a large book no
// longer walks the other tenants' matches before a page is full.
std::string scoped(const std::string &expression, MatchTier tier, std::string_view tenant) {
   if (tenant.empty()) return expression;
   const std::string scopes = "(\"" + scope_token(tenant) + "\" OR \"" + scope_token(kEveryTenant) + "\")";
   // The number index has one column (detail=none allows no column filter); no digit run can be
   // a scope token, which starts with "t".
   if (tier == MatchTier::number) return scopes + " AND (" + expression + ")";
   return "{scope} : " + scopes + " AND (" + expression + ")";
}

std::string fetch_tier(StatementCache &statements, const SearchQuery &query, MatchTier tier, std::int64_t after, std::size_t limit,
                       std::string_view tenant, std::vector<Hit> &hits) {
   const std::string expression = fts_expression(query, tier);
   if (expression.empty() || limit == 0) return {};
   Statement &select = statements.get(tier == MatchTier::number
                                          ? "SELECT rowid FROM number_index WHERE number_index MATCH ?1 AND rowid > ?2 "
                                            "ORDER BY rowid LIMIT ?3"
                                          : "SELECT rowid FROM name_index WHERE name_index MATCH ?1 AND rowid > ?2 "
                                            "ORDER BY rowid LIMIT ?3");
   select.bind(1, scoped(expression, tier, tenant)).bind(2, after).bind(3, static_cast<std::int64_t>(limit));
   while (select.step()) hits.push_back({tier, select.column_int(0)});
   std::string error = select.error();
   select.reset();
   return error;
}

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
   const bool own_read = sqlite3_get_autocommit(directory.handle()) != 0;
   if (own_read) {
      Statement &begin = directory.statements().get("BEGIN");
      begin.step();
      if (!begin.error().empty()) return DirectoryError{"search: " + begin.error()};
   }
   struct EndRead {
      StatementCache &statements;
      bool own;
      ~EndRead() {
         if (own) statements.get("COMMIT").step();
      }
   } end_read{directory.statements(), own_read};
   std::vector<Hit> hits;
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
      if (std::string e = fetch_tier(directory.statements(), query, tier, after, wanted - hits.size(), tenant, hits); !e.empty())
         return DirectoryError{"search: " + e};
      if (hits.size() >= wanted) break;
   }

   SearchPage page;
   if (hits.size() > page_size) {
      hits.resize(page_size);
      page.next_page_token = token_of({hits.back().tier, hits.back().rank});
   }
   // A contact of one source row has no body of its own: its row's is read (directory_db.cpp).
   Statement &contact =
       directory.statements().get("SELECT id, coalesce(body, (SELECT body FROM source_rows WHERE contact_id = contacts.id)) "
                                  "FROM contacts WHERE rank = ?1");
   for (const Hit &hit : hits) {
      contact.bind(1, hit.rank);
      if (!contact.step()) {
         contact.reset();
         continue;  // the index and the table disagree only inside a failed run
      }
      auto stored = contact_from_json(contact.column_view(1));
      if (!stored) return DirectoryError{"contact " + std::to_string(contact.column_int(0)) + ": " + stored.error().what};
      const Contact &c = stored.value();
      SearchResult result;
      result.contact_id = contact.column_int(0);
      result.display_name = display_name_of(c);
      result.given_name = c.name.given;
      result.family_name = c.name.family;
      result.company = c.company;
      result.department = c.department;
      result.location = c.location;
      result.building = c.building;
      result.numbers = c.numbers;
      result.extension = c.extension;
      result.emails = c.emails;
      result.tier = hit.tier;
      contact.reset();
      auto sources = sources_of(directory, result.contact_id);
      if (!sources) return sources.error();
      result.sources = std::move(sources.value());
      page.results.push_back(std::move(result));
   }
   return page;
}

}  // namespace portier::directory
