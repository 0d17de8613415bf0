// SPDX-License-Identifier: GPL-3.0-or-later
// Long prefixes read through a driver (search_tier.h): the same matches, in the same rank order,
// as the tier's own FTS5 expression, whether the driver fills the page or hands over to FTS5.
#include <algorithm>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "directory/search_tier.h"
#include "directory/statement.h"
#include "test_book.h"

using namespace portier::directory;
using namespace portier::directory::test;
using Ranks = std::vector<std::int64_t>;

namespace {

// The tier's matches as FTS5 gives them for the tier's own expression: what the driver must equal.
Ranks plain_matches(DirectoryDb &db, std::string_view text, MatchTier tier) {
   const std::string expression = fts_expression(parse_query(text).value(), tier);
   Ranks ranks;
   if (expression.empty()) return ranks;
   Statement select(db.handle(), "SELECT rowid FROM name_index WHERE name_index MATCH ?1 ORDER BY rowid");
   select.bind(1, expression);
   while (select.step()) ranks.push_back(select.column_int(0));
   REQUIRE(select.error().empty());
   return ranks;
}

Ranks fetched(DirectoryDb &db, std::string_view text, MatchTier tier, std::int64_t after = 0, std::size_t limit = 100000,
              std::string_view tenant = {}) {
   Ranks ranks;
   const std::string error = fetch_tier(db, parse_query(text).value(), tier, after, limit, tenant, ranks);
   REQUIRE(error.empty());
   return ranks;
}

// A word one letter longer than the prefix index covers, so the tier reads it through a driver.
std::string long_prefix_of(const std::string &word) { return word.substr(0, kIndexedPrefixChars + 1); }

std::vector<std::string> all_pages(DirectoryDb &db, std::string_view text, std::size_t page_size) {
   std::vector<std::string> names;
   std::string token;
   for (int page_number = 0; page_number < 200; ++page_number) {
      const auto page = search(db, text, page_size, token);
      REQUIRE(page.ok());
      for (const SearchResult &r : page->results) names.push_back(r.display_name);
      token = page->next_page_token;
      if (token.empty()) break;
   }
   return names;
}

}  // namespace

TEST_CASE("a long prefix that most rows of its indexed prefix share is read from the driver, in rank order") {
   std::vector<Contact> rows;
   for (int i = 0; i < 60; ++i) rows.push_back(person(std::to_string(i), "Given" + std::to_string(100 + i), "Mannheimer"));
   auto db = book_of(rows);
   const std::string query = long_prefix_of("mannheimer");
   REQUIRE_FALSE(driver_expression(parse_query(query).value(), MatchTier::prefix).empty());
   const Ranks all = plain_matches(*db, query, MatchTier::prefix);
   REQUIRE(all.size() == 60);
   CHECK(fetched(*db, query, MatchTier::prefix) == all);
   CHECK(fetched(*db, query, MatchTier::prefix, 0, 21) == Ranks(all.begin(), all.begin() + 21));
   CHECK(fetched(*db, query, MatchTier::prefix, all[20], 21) == Ranks(all.begin() + 21, all.begin() + 42));
}

TEST_CASE("a long prefix that few rows of its indexed prefix share gives the same pages as FTS5 alone") {
   // Decoys share the indexed prefix only, more of them than the driver reads; they rank before
   // and after the family-name block of the real matches and before the company ones, so both the
   // sample and the hand-over to FTS5 are walked.
   const std::string real = "Mannheimer";
   const std::string query = long_prefix_of("mannheimer");
   const std::string indexed = query.substr(0, kIndexedPrefixChars);
   std::vector<Contact> rows;
   for (int i = 0; i < static_cast<int>(kDriverScanRows) + 150; ++i)
      rows.push_back(person("d" + std::to_string(i), "Given" + std::to_string(1000 + i),
                            "M" + indexed.substr(1) + (i % 3 == 0 ? "adecoy" : "xdecoy")));
   for (int i = 0; i < 45; ++i) {
      // Half have the long prefix as family name (one block in rank order), half as company.
      if (i % 2 == 0) rows.push_back(person("r" + std::to_string(i), "Real" + std::to_string(100 + i), real));
      else rows.push_back(person("r" + std::to_string(i), "Real" + std::to_string(100 + i), "Zz" + std::to_string(i), real));
   }
   auto db = book_of(rows);
   const Ranks all = plain_matches(*db, query, MatchTier::prefix);
   REQUIRE(all.size() == 45);
   CHECK(fetched(*db, query, MatchTier::prefix) == all);
   for (std::size_t from : {std::size_t{0}, std::size_t{7}, std::size_t{21}}) {
      INFO(from);
      const std::int64_t after = from == 0 ? 0 : all[from - 1];
      CHECK(fetched(*db, query, MatchTier::prefix, after, 21) ==
            Ranks(all.begin() + static_cast<long>(from), all.begin() + static_cast<long>(std::min(all.size(), from + 21))));
   }
   // Through search(): pages of 20 neither repeat nor skip, and keep the rank order.
   const std::vector<std::string> names = all_pages(*db, query, 20);
   REQUIRE(names.size() == 45);
   CHECK(names.front().starts_with("Mannheimer, Real"));
   CHECK(names.back().starts_with("Zz"));
}

TEST_CASE("prefix and phonetic tiers through the driver match the tiers' own expressions") {
   std::vector<Contact> rows = many_languages();
   const std::vector<std::string> family{"Meierhofer", "Mayerling", "Schmidtke", "Schmittner", "Müllerschön",
                                         "Muellerhaus", "Bergmann",   "Bergström", "Grethemann", "Smithson"};
   const std::vector<std::string> given{"Grete", "Greta", "Hans", "Hannes", "Jörgen", "Lena", "Uwe", "Sven"};
   for (int i = 0; i < 400; ++i)
      rows.push_back(person("g" + std::to_string(i), given[static_cast<std::size_t>(i) % given.size()],
                            family[static_cast<std::size_t>(i * 7) % family.size()],
                            i % 3 == 0 ? family[static_cast<std::size_t>(i) % family.size()] + " GmbH" : ""));
   auto db = book_of(rows);
   for (const char *query : {"meyr", "meierh", "schmitt", "schmid gre", "gret meyr", "muellerh", "müllers", "bergma",
                             "bergs han", "smiths", "smyth", "kathryn", "lena meierho", "zzzzzz", "mannh", "grethem"}) {
      for (MatchTier tier : {MatchTier::prefix, MatchTier::phonetic}) {
         INFO(query << " tier " << static_cast<int>(tier));
         CHECK(fetched(*db, query, tier) == plain_matches(*db, query, tier));
         // A tenant's search (these rows are every tenant's) reads the same through its scope.
         CHECK(fetched(*db, query, tier, 0, 100000, "Hotel") == plain_matches(*db, query, tier));
      }
   }
}

TEST_CASE("the phonetic tier given the all-prefix rows drops them itself and finds what its expression finds") {
   std::vector<Contact> rows = many_languages();
   const std::vector<std::string> family{"Meier", "Mayer", "Meierhofer", "Schmidt", "Schmitt", "Grethe", "Smith", "Smyth"};
   const std::vector<std::string> given{"Grete", "Greta", "Hans", "Hannes", "Lena", "Kathryn", "Catherine"};
   for (int i = 0; i < 300; ++i)
      rows.push_back(person("p" + std::to_string(i), given[static_cast<std::size_t>(i) % given.size()],
                            family[static_cast<std::size_t>(i * 5) % family.size()]));
   auto db = book_of(rows);
   for (const char *query : {"meyr", "mei", "greta meyr", "gre mei", "schmid gre", "smyth", "kathryn", "hans meierh",
                             "zzzzzz", "lena"}) {
      INFO(query);
      // The exact and prefix tiers' rows, which hold every row matching all words as prefixes.
      Ranks known = fetched(*db, query, MatchTier::exact);
      const Ranks prefix = fetched(*db, query, MatchTier::prefix);
      known.insert(known.end(), prefix.begin(), prefix.end());
      std::sort(known.begin(), known.end());
      const SearchQuery parsed = parse_query(query).value();
      for (const std::size_t limit : {std::size_t{3}, std::size_t{100000}}) {
         Ranks ranks;
         REQUIRE(fetch_tier(*db, parsed, MatchTier::phonetic, 0, limit, "", ranks, &known).empty());
         Ranks expected = plain_matches(*db, query, MatchTier::phonetic);
         if (expected.size() > limit) expected.resize(limit);
         CHECK(ranks == expected);
      }
   }
}

TEST_CASE("indexed prefixes and other scripts keep the tier's own expression, a one-letter word beside a long one does not") {
   const auto driver = [](const char *query, MatchTier tier = MatchTier::prefix) {
      return driver_expression(parse_query(query).value(), tier);
   };
   CHECK_FALSE(driver(("meierhofer")).empty());
   CHECK(driver(std::string("meierhofer").substr(0, kIndexedPrefixChars).c_str()).empty());
   CHECK_FALSE(driver("m meierhofer").empty());  // "m"* has a prefix index of its own (schema 6)
   CHECK(driver("Иванович").empty());
   CHECK(driver("meierhofer", MatchTier::exact).empty());
   CHECK_FALSE(driver("meyrhofer", MatchTier::phonetic).empty());
}

TEST_CASE("the name index has a prefix index for every length up to kIndexedPrefixChars") {
   auto db = empty_book();
   Statement read(db->handle(), "SELECT sql FROM sqlite_master WHERE name = 'name_index'");
   REQUIRE(read.step());
   std::string lengths;
   for (std::size_t n = 1; n <= kIndexedPrefixChars; ++n) lengths += (lengths.empty() ? "" : " ") + std::to_string(n);
   CHECK(read.column_text(0).find("prefix='" + lengths + "'") != std::string::npos);
}
