// SPDX-License-Identifier: GPL-3.0-or-later
#include "directory/search_tier.h"

#include <algorithm>
#include <optional>

#include "directory/index_tokens.h"
#include "directory/number_tokens.h"
#include "directory/search_text.h"
#include "directory/statement.h"
#include "directory/tier_check.h"

namespace portier::directory {

namespace {

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

// Reads rows of `driver` after `after` and keeps those that match the tier, until `limit` are
// found, the driver has no more (`exhausted`), or reading on would likely pass kDriverScanRows.
// `after` becomes the last row read.
std::string scan_driver(DirectoryDb &db, const SearchQuery &query, MatchTier tier, const std::string &driver,
                        std::int64_t &after, std::size_t limit, std::vector<std::int64_t> &ranks, bool &exhausted) {
   auto tokens = db.index_tokens();
   if (!tokens) return tokens.error().what;
   TierCheck check(query, tier);
   Statement &select = db.statements().get(
       "SELECT rowid, names, sounds FROM name_index WHERE name_index MATCH ?1 AND rowid > ?2 ORDER BY rowid LIMIT ?3");
   select.bind(1, driver).bind(2, after).bind(3, static_cast<std::int64_t>(kDriverScanRows));
   std::size_t read = 0, found = 0;
   std::string error;
   // Reading on is worth it while found/read, the share so far, would fill `limit` within the bound.
   const auto worth_reading = [&] {
      return read < kDriverSampleRows || (read < kDriverScanRows && read * limit <= kDriverScanRows * found);
   };
   bool stopped = false;
   while (found < limit) {
      if (!worth_reading()) {
         stopped = true;
         break;
      }
      if (!select.step()) break;
      ++read;
      after = select.column_int(0);
      check.start();
      error = tokens.value()->each(select.column_view(1), [&](std::string_view token) { check.name_token(token); });
      if (error.empty() && check.needs_sounds())
         error = tokens.value()->each(select.column_view(2), [&](std::string_view token) { check.sound_token(token); });
      if (!error.empty()) break;
      if (check.matches()) {
         ranks.push_back(after);
         ++found;
      }
   }
   if (error.empty()) error = select.error();
   select.reset();
   exhausted = error.empty() && !stopped && found < limit;
   return error;
}

// Reads up to kUnscopedRows rows of `expression` after `after` without the tenant's scope in it and
// keeps those of the tenant's book (its scope token or every tenant's) that the tier keeps: rows
// of `dropped` go, and with `fragment` a row must hold those digits together. For a tenant that
// holds most of the book the page is found in the first rows, where ANDing its scope token (a
// doclist as long as the book) made FTS5 seek in it for every candidate (a 7-digit fragment: 4 ms
// against 0.14). `after` becomes the last row read; `exhausted` when the expression has no more.
std::string scan_unscoped(DirectoryDb &db, MatchTier tier, const std::string &expression, std::string_view tenant,
                          const std::vector<std::int64_t> *dropped, std::string_view fragment, std::int64_t &after,
                          std::size_t limit, std::vector<std::int64_t> &ranks, std::size_t &found, bool &exhausted) {
   Statement &select = db.statements().get(
       tier == MatchTier::number
           ? "SELECT number_index.rowid, contacts.scope, contacts.digits FROM number_index JOIN contacts "
             "ON contacts.rank = number_index.rowid WHERE number_index MATCH ?1 AND number_index.rowid > ?2 "
             "ORDER BY number_index.rowid LIMIT ?3"
           : "SELECT rowid, scope FROM name_index WHERE name_index MATCH ?1 AND rowid > ?2 ORDER BY rowid LIMIT ?3");
   select.bind(1, expression).bind(2, after).bind(3, static_cast<std::int64_t>(kUnscopedRows));
   const std::string own = scope_token(tenant), every = scope_token(kEveryTenant);
   std::size_t read = 0;
   while (found < limit && select.step()) {
      ++read;
      after = select.column_int(0);
      const std::string_view scope = select.column_view(1);
      if (scope != own && scope != every) continue;
      if (dropped && std::binary_search(dropped->begin(), dropped->end(), after)) continue;
      if (!fragment.empty() && select.column_view(2).find(fragment) == std::string_view::npos) continue;
      ranks.push_back(after);
      ++found;
   }
   std::string error = select.error();
   select.reset();
   exhausted = error.empty() && found < limit && read < kUnscopedRows;
   return error;
}

}  // namespace

std::string fetch_tier(DirectoryDb &db, const SearchQuery &query, MatchTier tier, std::int64_t after, std::size_t limit,
                       std::string_view tenant, std::vector<std::int64_t> &ranks,
                       const std::vector<std::int64_t> *all_prefix_rows) {
   // A number fragment asks for its rarest windows only (number_tokens.h).
   const std::string expression = [&] {
      if (tier != MatchTier::number || query.digits.empty()) return fts_expression(query, tier);
      WindowCounts &counts = db.window_counts();
      return number_expression(query.digits, [&counts](std::string_view window) { return counts.rows(window); });
   }();
   if (expression.empty() || limit == 0) return {};
   // A prefix without a prefix index makes FTS5 merge every doclist it starts before the first
   // row: the driver reads an indexed prefix lazily instead, and only when too few of its rows
   // match does the tier's own expression go on from the last row read.
   if (const std::string driver = driver_expression(query, tier); !driver.empty()) {
      const std::size_t before = ranks.size();
      bool exhausted = false;
      if (std::string error = scan_driver(db, query, tier, scoped(driver, tier, tenant), after, limit, ranks, exhausted);
          !error.empty())
         return error;
      const std::size_t found = ranks.size() - before;
      if (exhausted || found >= limit) return {};
      limit -= found;
   }
   // The known all-prefix rows are dropped here; at most that many more rows are read for them.
   const std::vector<std::int64_t> *dropped = tier == MatchTier::phonetic ? all_prefix_rows : nullptr;
   const std::string asked = dropped ? phonetic_candidates_expression(query) : expression;
   const std::size_t read_limit = limit + (dropped ? dropped->size() : 0);
   const bool check_digits = tier == MatchTier::number && number_needs_check(query.digits);
   std::size_t found = 0;
   if (!tenant.empty()) {
      bool exhausted = false;
      if (std::string error = scan_unscoped(db, tier, asked, tenant, dropped, check_digits ? query.digits : "", after,
                                            limit, ranks, found, exhausted);
          !error.empty())
         return error;
      if (exhausted || found >= limit) return {};
   }
   Statement &select = db.statements().get(
       tier != MatchTier::number
           ? "SELECT rowid FROM name_index WHERE name_index MATCH ?1 AND rowid > ?2 ORDER BY rowid LIMIT ?3"
       : !check_digits
           ? "SELECT rowid FROM number_index WHERE number_index MATCH ?1 AND rowid > ?2 ORDER BY rowid LIMIT ?3"
           // A row with every window of the fragment but not the fragment is dropped before LIMIT
           // counts it; the digit runs are separated by spaces, so a match is inside one number.
           : "SELECT number_index.rowid FROM number_index JOIN contacts ON contacts.rank = number_index.rowid "
             "WHERE number_index MATCH ?1 AND number_index.rowid > ?2 AND instr(contacts.digits, ?4) > 0 "
             "ORDER BY number_index.rowid LIMIT ?3");
   select.bind(1, scoped(asked, tier, tenant)).bind(2, after).bind(3, static_cast<std::int64_t>(read_limit));
   if (check_digits) select.bind(4, query.digits);
   while (found < limit && select.step()) {
      const std::int64_t rank = select.column_int(0);
      if (dropped && std::binary_search(dropped->begin(), dropped->end(), rank)) continue;
      ranks.push_back(rank);
      ++found;
   }
   std::string error = select.error();
   select.reset();
   return error;
}

}  // namespace portier::directory
