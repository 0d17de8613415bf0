// SPDX-License-Identifier: GPL-3.0-or-later
// The names in memory (name_sets.h) answer searches of several words with the rows, tiers, order
// and page tokens FTS5 gives; they hold exactly the index's terms; and a copy read before a run is
// never used once the run has committed (the book's stamp, book_stamp.h).
#include <catch2/catch.hpp>

#include <atomic>
#include <cstdint>
#include <string>
#include <vector>

#include <sqlite3.h>

#include "directory/book_stamp.h"
#include "directory/name_sets.h"
#include "directory/name_sets_query.h"
#include "directory/statement.h"
#include "test_book.h"

using namespace portier::directory;
using namespace portier::directory::test;

namespace {

// A deterministic generator (a 64-bit LCG): the same book and queries on every run.
struct Dice {
   std::uint64_t state;
   std::size_t below(std::size_t n) {
      state = state * 6364136223846793005ULL + 1442695040888963407ULL;
      return static_cast<std::size_t>((state >> 33) % n);
   }
   template <typename T>
   const T &pick(const std::vector<T> &from) {
      return from[below(from.size())];
   }
};

// Sound-alike families (Meier, Mayer ...), names from several languages, and made-up names from
// syllables so prefixes are shared by many rows.
const std::vector<std::string> kGiven = {"Hans",  "Anna",    "Anja",   "Jan",     "Jana",    "Kai",     "Kay",
                                         "Karl",  "Carl",    "Grete",  "Greta",   "Jörg",    "Jürgen",  "Sandra",
                                         "Samira", "Sam",    "Zeki",   "François", "Łukasz", "Şule",    "Catherine",
                                         "Kathryn", "Philipp", "Filip", "Mia",    "Max"};
const std::vector<std::string> kFamily = {"Meier",   "Mayer",      "Maier",   "Meyer",      "Müller",   "Mueller",
                                          "Muller",  "Schmidt",    "Schmitt", "Smith",      "Smyth",    "Sack",
                                          "Saxe",    "Zeck",       "Sammer",  "Simmer",     "Zimmer",   "Dvořák",
                                          "Wiśniewski", "Lefèvre", "Ørsted",  "O'Neil",     "Mannheimer", "Mannhardt",
                                          "Sagmeister", "Huber"};
const std::vector<std::string> kSyllables = {"sa", "ma", "ri", "an", "el", "ko", "zu", "ve", "do", "li", "mei", "ner"};
const std::vector<std::string> kCompanies = {"Stadtwerke München", "Acme Ltd", "Sammer & Söhne", "Meier Bau", "", ""};

std::string made_up(Dice &dice) {
   std::string name;
   for (std::size_t n = 2 + dice.below(2); n > 0; --n) name += dice.pick(kSyllables);
   name[0] = static_cast<char>(name[0] - 'a' + 'A');
   return name;
}

std::vector<Contact> generated_rows(Dice &dice, std::size_t count, const std::string &prefix) {
   std::vector<Contact> rows;
   for (std::size_t i = 0; i < count; ++i) {
      const std::string given = dice.below(3) == 0 ? made_up(dice) : dice.pick(kGiven);
      const std::string family = dice.below(3) == 0 ? made_up(dice) : dice.pick(kFamily);
      rows.push_back(person(prefix + std::to_string(i), given, family, dice.pick(kCompanies)));
   }
   return rows;
}

ApplyOptions for_tenant(std::string tenant) {
   ApplyOptions options;
   options.tenant = std::move(tenant);
   return options;
}

void fill(DirectoryDb &db, std::string_view source, const std::vector<Contact> &rows, const ApplyOptions &options) {
   const auto report = apply_source(db, source, rows, options);
   REQUIRE(report.ok());
   REQUIRE(report->rejected.empty());
}

// A word of `from` cut to 1..its length letters, as typed so far.
std::string typed(Dice &dice, const std::string &from) {
   const std::size_t letters = 1 + dice.below(from.size());
   return from.substr(0, letters);
}

std::vector<std::string> generated_queries(Dice &dice, std::size_t count) {
   std::vector<std::string> queries;
   for (std::size_t i = 0; i < count; ++i) {
      const std::string given = dice.below(4) == 0 ? made_up(dice) : dice.pick(kGiven);
      const std::string family = dice.below(4) == 0 ? made_up(dice) : dice.pick(kFamily);
      std::string query = dice.below(2) == 0 ? typed(dice, given) + " " + typed(dice, family)
                                             : typed(dice, family) + " " + typed(dice, given);
      if (dice.below(5) == 0) query = given + " " + family;  // whole words: the exact tier
      if (dice.below(6) == 0) query += " " + typed(dice, std::string("stadtwerke"));
      queries.push_back(query);
   }
   return queries;
}

struct Shown {
   std::int64_t id;
   MatchTier tier;
   bool operator==(const Shown &) const = default;
};

// Every page of `query`, seven results a page, with each page's token.
std::vector<Shown> all_pages(DirectoryDb &db, const std::string &query, std::string_view tenant,
                             std::vector<std::string> &tokens) {
   std::vector<Shown> shown;
   std::string token;
   for (int page_number = 0; page_number < 60; ++page_number) {
      const auto page = search(db, query, 7, token, tenant);
      INFO(query);
      REQUIRE(page.ok());
      for (const SearchResult &r : page->results) shown.push_back({r.contact_id, r.tier});
      token = page->next_page_token;
      tokens.push_back(token);
      if (token.empty()) break;
   }
   return shown;
}

std::shared_ptr<const NameSets> read_sets(DirectoryDb &db) {
   auto sets = build_name_sets(db);
   REQUIRE(sets.ok());
   return sets.value();
}

std::int64_t stamp_of(DirectoryDb &db) {
   auto stamp = read_book_stamp(db);
   REQUIRE(stamp.ok());
   return stamp.value();
}

}  // namespace

TEST_CASE("searches of several words give the same pages from the names in memory as from FTS5") {
   auto db = empty_book();
   Dice dice{7};
   fill(*db, "csv-a", generated_rows(dice, 1200, "a"), for_tenant("A"));
   fill(*db, "csv-b", generated_rows(dice, 900, "b"), for_tenant("B"));
   fill(*db, "csv-all", generated_rows(dice, 600, "x"), for_tenant("*"));
   const auto sets = read_sets(*db);
   REQUIRE(sets->ranks.size() == 2700);
   // The same book with every prefix and sound code of 100 rows or more kept as a bitmap, as the
   // commonest are at a million contacts.
   auto common = build_name_sets(*db, nullptr, 100);
   REQUIRE(common.ok());
   CHECK(common.value()->common_prefixes.keys.size() > 20);
   CHECK(common.value()->common_sounds.keys.size() > 10);
   CHECK(common.value()->common_terms.keys.size() > 5);
   CHECK(sets->common_prefixes.keys.empty());

   std::size_t answered_in_memory = 0, results = 0, phonetic = 0;
   for (const std::string &query : generated_queries(dice, 400)) {
      if (NameSetsQuery::prepare(sets, parse_query(query).value())) ++answered_in_memory;
      for (const char *tenant : {"", "A", "B", "C"}) {
         INFO("query '" << query << "', tenant '" << tenant << "'");
         std::vector<std::string> fts_tokens, memory_tokens, common_tokens;
         db->use_name_sets(nullptr);
         const auto from_fts = all_pages(*db, query, tenant, fts_tokens);
         db->use_name_sets(sets);
         const auto from_memory = all_pages(*db, query, tenant, memory_tokens);
         REQUIRE(from_memory == from_fts);
         REQUIRE(memory_tokens == fts_tokens);
         db->use_name_sets(common.value());
         const auto from_common = all_pages(*db, query, tenant, common_tokens);
         REQUIRE(from_common == from_fts);
         REQUIRE(common_tokens == fts_tokens);
         results += from_fts.size();
         for (const Shown &s : from_fts) phonetic += s.tier == MatchTier::phonetic ? 1 : 0;
      }
   }
   // The comparison means something: most queries went to memory, and all tiers were seen.
   CHECK(answered_in_memory > 300);
   CHECK(results > 5000);
   CHECK(phonetic > 500);
}

TEST_CASE("the names in memory hold the name index's own terms, each with its rows") {
   auto db = empty_book();
   Dice dice{11};
   fill(*db, "csv", generated_rows(dice, 500, "r"), for_tenant("*"));
   fill(*db, "more", many_languages(), for_tenant("*"));
   const auto sets = read_sets(*db);
   REQUIRE(sqlite3_exec(db->handle(), "CREATE VIRTUAL TABLE temp.terms USING fts5vocab(main, name_index, 'col')",
                        nullptr, nullptr, nullptr) == SQLITE_OK);
   for (const auto &[column, postings] : {std::pair{"names", &sets->names}, std::pair{"sounds", &sets->sounds}}) {
      Statement select(db->handle(), "SELECT term, doc FROM temp.terms WHERE col = ?1 ORDER BY term");
      select.bind(1, std::string(column));
      std::size_t seen = 0;
      while (select.step()) {
         const std::string term(select.column_view(0));
         INFO(column << " term '" << term << "'");
         const std::size_t at = postings->find(term);
         REQUIRE(at < postings->terms.size());
         CHECK(postings->rows_of(at, at + 1) == static_cast<std::size_t>(select.column_int(1)));
         ++seen;
      }
      REQUIRE(select.error().empty());
      CHECK(seen == postings->terms.size());
   }
   // Folded as the index folds them: "Łukasz Wiśniewski", "O'Neil".
   CHECK(sets->names.find("wisniewski") < sets->names.terms.size());
   CHECK(sets->names.find("neil") < sets->names.terms.size());
}

TEST_CASE("a copy of the names read before a run is not used once the run has committed") {
   auto db = empty_book();
   fill(*db, "hr", {person("1", "Hans", "Meier"), person("2", "Anna", "Mayer")}, for_tenant("*"));
   const auto before = read_sets(*db);
   CHECK(before->stamp == stamp_of(*db));
   fill(*db, "hr", {person("2", "Anna", "Mayer"), person("3", "Hanna", "Maier")}, for_tenant("*"));
   CHECK(stamp_of(*db) == before->stamp + 1);

   // The old copy still holds Hans Meier and not Hanna Maier ...
   std::vector<std::int64_t> old_ranks;
   NameSetsQuery::prepare(before, parse_query("han meier").value())->fetch(MatchTier::prefix, 0, 10, "", old_ranks);
   CHECK(old_ranks.size() == 1);
   // ... and the search, given it, answers from the book as it is now: no Hans Meier, and Hanna
   // Maier and Anna Mayer as sound-alikes ("han" sounds like "anna").
   const auto names_found = [&] {
      auto page = search(*db, "han meier", 20, "");
      REQUIRE(page.ok());
      std::vector<std::string> names;
      for (const SearchResult &r : page->results)
         names.push_back(r.display_name + (r.tier == MatchTier::phonetic ? " ~" : ""));
      return names;
   };
   const std::vector<std::string> now = {"Maier, Hanna ~", "Mayer, Anna ~"};
   db->use_name_sets(before);
   CHECK(names_found() == now);
   const auto after = read_sets(*db);
   CHECK(after->stamp == stamp_of(*db));
   db->use_name_sets(after);
   CHECK(names_found() == now);
}

TEST_CASE("the book's stamp rises with each committed run that writes, and stays with a failed one") {
   auto db = empty_book();
   const std::int64_t fresh = stamp_of(*db);
   fill(*db, "hr", {person("1", "Hans", "Meier")}, for_tenant("*"));
   CHECK(stamp_of(*db) == fresh + 1);
   // The same rows again write nothing: the stamp stays, and no copy needs reading again.
   fill(*db, "hr", {person("1", "Hans", "Meier")}, for_tenant("*"));
   CHECK(stamp_of(*db) == fresh + 1);
   fill(*db, "hr", {person("1", "Hans", "Meyer")}, for_tenant("*"));
   CHECK(stamp_of(*db) == fresh + 2);
   ApplyOptions strict = for_tenant("*");
   strict.max_rejected = 0;
   Contact nameless;
   nameless.source_id = "2";
   const std::vector<Contact> bad = {person("1", "Hans", "Meier"), nameless};
   CHECK_FALSE(apply_source(*db, "hr", bad, strict).ok());
   CHECK(stamp_of(*db) == fresh + 2);
}

TEST_CASE("the names in memory leave one word, other letters and very common words to FTS5") {
   auto db = empty_book();
   fill(*db, "hr", {person("1", "Hans", "Meier"), person("2", "Jörg", "Mayer")}, for_tenant("*"));
   const auto sets = read_sets(*db);
   CHECK_FALSE(NameSetsQuery::prepare(sets, parse_query("meier").value()));
   CHECK_FALSE(NameSetsQuery::prepare(sets, parse_query("иван mayer").value()));  // the tokenizer's to fold
   CHECK_FALSE(NameSetsQuery::prepare(sets, parse_query("0891234").value()));
   CHECK(NameSetsQuery::prepare(sets, parse_query("hans mei").value()));
   CHECK_FALSE(NameSetsQuery::prepare(nullptr, parse_query("hans mei").value()));
}

TEST_CASE("reading the names into memory ends early when asked to stop") {
   auto db = empty_book();
   Dice dice{3};
   fill(*db, "csv", generated_rows(dice, 50, "r"), for_tenant("*"));
   const std::atomic<bool> stop{true};
   const auto stopped = build_name_sets(*db, &stop);
   REQUIRE_FALSE(stopped.ok());
   CHECK(stopped.error().what == "stopped");
   const std::atomic<bool> go_on{false};
   const auto read = build_name_sets(*db, &go_on);
   REQUIRE(read.ok());
   CHECK(read.value()->ranks.size() == 50);
   // The read transaction ended either way: a run can write.
   fill(*db, "csv", generated_rows(dice, 10, "s"), for_tenant("*"));
}
