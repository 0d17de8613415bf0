// SPDX-License-Identifier: GPL-3.0-or-later
// Tenant scope: a source fills one tenant's phone book (or every tenant's with "*"); searches and
// contact lookups of a tenant never show another tenant's contacts.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdio>
#include <string>

#include <sqlite3.h>

#include "directory/contact_lookup.h"
#include "directory/search_text.h"
#include "directory/search_tier.h"
#include "test_book.h"

using namespace portier::directory;
using namespace portier::directory::test;
using Names = std::vector<std::string>;

namespace {

ApplyOptions for_tenant(std::string tenant, std::vector<DedupKey> keys = {}) {
   ApplyOptions options;
   options.tenant = std::move(tenant);
   options.policy.keys = std::move(keys);
   return options;
}

Names found(DirectoryDb &db, std::string_view query, std::string_view tenant) {
   auto page = search(db, query, 50, "", tenant);
   REQUIRE(page.ok());
   Names names;
   for (const SearchResult &result : page->results) names.push_back(result.display_name);
   return names;
}

void fill(DirectoryDb &db, std::string_view source, std::vector<Contact> rows, const ApplyOptions &options) {
   const auto report = apply_source(db, source, rows, options);
   REQUIRE(report.ok());
   REQUIRE(report->rejected.empty());
}

}  // namespace

TEST_CASE("a tenant's search finds its own contacts and those of every-tenant sources, never another's") {
   auto db = empty_book();
   fill(*db, "csv-a", {person("1", "Hans", "Huber", "", "+49 89 1000"), person("2", "Anna", "Huber")}, for_tenant("A"));
   fill(*db, "csv-b", {person("1", "Hugo", "Huber", "", "+49 89 1001")}, for_tenant("B"));
   fill(*db, "csv-all", {person("1", "Helga", "Huber")}, for_tenant("*"));
   CHECK(found(*db, "huber", "A") == Names{"Huber, Anna", "Huber, Hans", "Huber, Helga"});
   CHECK(found(*db, "huber", "B") == Names{"Huber, Helga", "Huber, Hugo"});
   CHECK(found(*db, "huber", "C") == Names{"Huber, Helga"});
   CHECK(found(*db, "huber", "") == Names{"Huber, Anna", "Huber, Hans", "Huber, Helga", "Huber, Hugo"});
}

TEST_CASE("a number search is scoped to the tenant too") {
   auto db = empty_book();
   fill(*db, "csv-a", {person("1", "Hans", "Huber", "", "+49 89 7007 1000")}, for_tenant("A"));
   fill(*db, "csv-b", {person("1", "Hugo", "Huber", "", "+49 89 7007 1001")}, for_tenant("B"));
   CHECK(found(*db, "7007", "A") == Names{"Huber, Hans"});
   CHECK(found(*db, "7007", "B") == Names{"Huber, Hugo"});
}

TEST_CASE("a big and a small tenant each get their own pages, on either side of the unscoped first read") {
   // The big tenant's 150 rows come first in rank order ("Aa..."), so the small one's search reads
   // kUnscopedRows rows of the other tenant, finds none of its own and goes on with the scope.
   auto db = empty_book();
   std::vector<Contact> big, small;
   for (int i = 0; i < 150; ++i)
      big.push_back(person(std::to_string(i), "Given" + std::to_string(100 + i), "Aamann" + std::to_string(100 + i), "",
                           "+49 89 52468" + std::to_string(100 + i)));
   for (int i = 0; i < 30; ++i)
      small.push_back(person(std::to_string(i), "Given" + std::to_string(100 + i), "Zamann" + std::to_string(100 + i), "",
                             "+49 30 52468" + std::to_string(100 + i)));
   static_assert(kUnscopedRows < 150);
   fill(*db, "csv-big", big, for_tenant("Big"));
   fill(*db, "csv-small", small, for_tenant("Small"));
   const auto pages = [&](std::string_view query, std::string_view tenant) {
      Names seen;
      std::string token;
      for (int page_number = 0; page_number < 40; ++page_number) {
         auto page = search(*db, query, 20, token, tenant);
         REQUIRE(page.ok());
         for (const SearchResult &r : page->results) seen.push_back(r.family_name);
         token = page->next_page_token;
         if (token.empty()) break;
      }
      return seen;
   };
   struct Expected {
      const char *query;
      std::size_t big, small;
   };
   for (const Expected &expected : {Expected{"given", 150, 30}, Expected{"given1", 100, 30}, Expected{"52468", 150, 30},
                                    Expected{"4989", 150, 0}, Expected{"524681", 100, 30}}) {
      INFO(expected.query);
      const Names big_seen = pages(expected.query, "Big"), small_seen = pages(expected.query, "Small");
      for (const std::string &name : big_seen) CHECK(name.starts_with("Aamann"));
      for (const std::string &name : small_seen) CHECK(name.starts_with("Zamann"));
      CHECK(big_seen.size() == expected.big);
      CHECK(small_seen.size() == expected.small);
      CHECK(std::is_sorted(big_seen.begin(), big_seen.end()));
      CHECK(std::is_sorted(small_seen.begin(), small_seen.end()));
   }
}

TEST_CASE("paging within a tenant neither repeats nor skips its contacts") {
   auto db = empty_book();
   std::vector<Contact> a, b;
   for (int i = 0; i < 30; ++i) {
      a.push_back(person(std::to_string(i), "A" + std::to_string(100 + i), "Meier"));
      b.push_back(person(std::to_string(i), "B" + std::to_string(100 + i), "Meier"));
   }
   fill(*db, "csv-a", a, for_tenant("A"));
   fill(*db, "csv-b", b, for_tenant("B"));
   Names seen;
   std::string token;
   for (int pages = 0; pages < 10; ++pages) {
      auto page = search(*db, "meier", 7, token, "B");
      REQUIRE(page.ok());
      for (const SearchResult &r : page->results) seen.push_back(r.given_name);
      token = page->next_page_token;
      if (token.empty()) break;
   }
   REQUIRE(seen.size() == 30);
   for (std::size_t i = 0; i < seen.size(); ++i) CHECK(seen[i] == "B" + std::to_string(100 + i));
}

TEST_CASE("a small tenant's two-word query still finds a sound-alike, and only its own") {
   auto db = empty_book();
   std::vector<Contact> big;
   for (int i = 0; i < 200; ++i) big.push_back(person(std::to_string(i), "Hans", "Meier" + std::to_string(i % 3)));
   big.push_back(person("m", "Hans", "Meier"));
   fill(*db, "csv-big", big, for_tenant("DEFAULT"));
   fill(*db, "csv-hotel", {person("1", "Hans", "Mayer"), person("2", "Hanna", "Schulz")}, for_tenant("Hotel"));
   const auto page = search(*db, "han meyr", 20, "", "Hotel");
   REQUIRE(page.ok());
   REQUIRE(page->results.size() == 1);
   CHECK(page->results[0].display_name == "Mayer, Hans");
   CHECK(page->results[0].tier == MatchTier::phonetic);
   CHECK(found(*db, "han meyr", "DEFAULT") == Names{"Meier, Hans"});
}

TEST_CASE("rows of different tenants sharing an e-mail are not merged") {
   auto db = empty_book();
   Contact a = person("1", "Hans", "Huber");
   a.emails = {"hans@example.com"};
   Contact b = person("1", "Hans", "Huber");
   b.emails = {"hans@example.com"};
   fill(*db, "csv-a", {a}, for_tenant("A", {DedupKey::email}));
   fill(*db, "csv-b", {b}, for_tenant("B", {DedupKey::email}));
   auto page_a = search(*db, "huber", 10, "", "A");
   auto page_b = search(*db, "huber", 10, "", "B");
   REQUIRE(page_a->results.size() == 1);
   REQUIRE(page_b->results.size() == 1);
   CHECK(page_a->results[0].contact_id != page_b->results[0].contact_id);
   CHECK(page_a->results[0].sources == Names{"csv-a"});
}

TEST_CASE("a contact lookup of another tenant finds nothing") {
   auto db = empty_book();
   fill(*db, "csv-a", {person("1", "Hans", "Huber", "ACME")}, for_tenant("A"));
   auto page = search(*db, "huber", 10, "", "A");
   REQUIRE(page->results.size() == 1);
   const std::int64_t id = page->results[0].contact_id;
   auto own = find_contact(*db, "A", id);
   REQUIRE(own.ok());
   REQUIRE(own.value().has_value());
   CHECK(own.value()->contact.company == "ACME");
   CHECK(own.value()->contact.tenant == "A");
   CHECK(own.value()->sources == Names{"csv-a"});
   auto other = find_contact(*db, "B", id);
   REQUIRE(other.ok());
   CHECK_FALSE(other.value().has_value());
   auto missing = find_contact(*db, "A", id + 1000);
   REQUIRE(missing.ok());
   CHECK_FALSE(missing.value().has_value());
}

TEST_CASE("moving a source to another tenant moves its contacts") {
   auto db = empty_book();
   fill(*db, "csv", {person("1", "Hans", "Huber")}, for_tenant("A"));
   const auto report = apply_source(*db, "csv", std::vector{person("1", "Hans", "Huber")}, for_tenant("B"));
   REQUIRE(report.ok());
   CHECK(report->updated == 1);
   CHECK(found(*db, "huber", "A").empty());
   CHECK(found(*db, "huber", "B") == Names{"Huber, Hans"});
}

TEST_CASE("without a number plan, raw numbers can be kept instead of rejecting the row") {
   auto db = empty_book();
   ApplyOptions options;
   options.keep_raw_numbers = true;
   const auto report = apply_source(*db, "csv", std::vector{person("1", "Hans", "Huber", "", "089 7007")}, options);
   REQUIRE(report.ok());
   CHECK(report->rejected.empty());
   auto page = search(*db, "huber", 10, "");
   REQUIRE(page->results.size() == 1);
   REQUIRE(page->results[0].numbers.size() == 1);
   CHECK(page->results[0].numbers[0].e164.empty());
   CHECK(page->results[0].numbers[0].given == "089 7007");
}

TEST_CASE("tenants whose names share words, case or punctuation are still separate books") {
   auto db = empty_book();
   fill(*db, "csv-1", {person("1", "Hans", "Huber", "", "+49 89 7007 1000")}, for_tenant("Hotel"));
   fill(*db, "csv-2", {person("1", "Hugo", "Huber", "", "+49 89 7007 1001")}, for_tenant("Hotel-Berlin"));
   fill(*db, "csv-3", {person("1", "Heidi", "Huber", "", "+49 89 7007 1002")}, for_tenant("hotel"));
   fill(*db, "csv-4", {person("1", "Horst", "Huber", "", "+49 89 7007 1003")}, for_tenant("Ho\"tel *"));
   CHECK(found(*db, "huber", "Hotel") == Names{"Huber, Hans"});
   CHECK(found(*db, "huber", "Hotel-Berlin") == Names{"Huber, Hugo"});
   CHECK(found(*db, "huber", "hotel") == Names{"Huber, Heidi"});
   CHECK(found(*db, "huber", "Ho\"tel *") == Names{"Huber, Horst"});
   CHECK(found(*db, "huber", "Berlin").empty());
   CHECK(found(*db, "7007", "Hotel") == Names{"Huber, Hans"});
   CHECK(found(*db, "7007", "Hotel-Berlin") == Names{"Huber, Hugo"});
   // The scope token is no word a name search can reach.
   CHECK(found(*db, scope_token("Hotel"), "Hotel").empty());
   CHECK(names_found(*db, "t486f74656c").empty());
}

TEST_CASE("a version-2 phone book file gets tenant tokens in its indexes when opened") {
   const BookFile file("directory_v2");
   const std::string &path = file.path;
   {
      // The version-2 layout as an earlier Portier wrote it: two indexes without scope tokens.
      const std::string v2 = schema_table_sql(2) + R"sql(
CREATE TABLE contacts(rank INTEGER PRIMARY KEY, id INTEGER NOT NULL UNIQUE, rank_key TEXT NOT NULL, body TEXT,
   names TEXT NOT NULL, sounds TEXT NOT NULL, digits TEXT NOT NULL, tenant TEXT NOT NULL DEFAULT '*');
CREATE INDEX contacts_by_rank_key ON contacts(rank_key);
)sql" + std::string(kSourceTablesSql) + R"sql(
CREATE VIRTUAL TABLE name_index USING fts5(names, sounds, content='contacts', content_rowid='rank',
   tokenize='unicode61 remove_diacritics 2', prefix='2 3', detail='column');
CREATE VIRTUAL TABLE number_index USING fts5(digits, content='', tokenize='unicode61', prefix='3', detail='none');
INSERT INTO contacts VALUES (4096, 1, 'huber' || char(31) || 'hans' || char(31) || char(31) || char(31) || '0000000000000001', NULL, 'hans huber', '', '498970071000', 'A');
INSERT INTO contacts VALUES (12288, 2, 'huber' || char(31) || 'hugo' || char(31) || char(31) || char(31) || '0000000000000002', NULL, 'hugo huber', '', '498970071001', 'B');
INSERT INTO contacts VALUES (8192, 3, 'huber' || char(31) || 'helga' || char(31) || char(31) || char(31) || '0000000000000003', NULL, 'helga huber', '', '', '*');
INSERT INTO source_rows VALUES ('csv-a', '1', 1, '{"i":"1","s":"csv-a","g":"Hans","f":"Huber","t":"A"}');
INSERT INTO source_rows VALUES ('csv-b', '1', 2, '{"i":"1","s":"csv-b","g":"Hugo","f":"Huber","t":"B"}');
INSERT INTO source_rows VALUES ('csv-all', '1', 3, '{"i":"1","s":"csv-all","g":"Helga","f":"Huber"}');
INSERT INTO name_index(name_index) VALUES('rebuild');
INSERT INTO number_index(rowid, digits) VALUES (4096, '498970071000'), (12288, '498970071001');
)sql";
      write_old_book(path, v2);
   }
   {
      auto opened = DirectoryDb::open(path);
      REQUIRE(opened.ok());
      DirectoryDb &db = *opened.value();
      CHECK(found(db, "huber", "A") == Names{"Huber, Hans", "Huber, Helga"});
      CHECK(found(db, "huber", "B") == Names{"Huber, Helga", "Huber, Hugo"});
      CHECK(found(db, "7007", "B") == Names{"Huber, Hugo"});
      // Writes after the migration keep the tokens.
      fill(db, "csv-b", {person("1", "Hugo", "Huber"), person("2", "Berta", "Huber")}, for_tenant("B"));
      CHECK(found(db, "huber", "B") == Names{"Huber, Berta", "Huber, Helga", "Huber, Hugo"});
      CHECK(found(db, "huber", "A") == Names{"Huber, Hans", "Huber, Helga"});
   }
}
