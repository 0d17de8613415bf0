// SPDX-License-Identifier: GPL-3.0-or-later
// A search page reads its contacts with one statement and a direct body reader (search_page.cpp,
// result_body.cpp): every result must carry what find_contact gives for its id.
#include <catch2/catch.hpp>

#include <sqlite3.h>

#include "directory/contact_json.h"
#include "directory/contact_lookup.h"
#include "directory/merge.h"
#include "directory/result_body.h"
#include "test_book.h"

using namespace portier::directory;
using namespace portier::directory::test;

namespace {

// Every shown field and the sources of each result, against find_contact for the same id.
void check_like_find_contact(DirectoryDb &db, const SearchPage &page) {
   for (const SearchResult &result : page.results) {
      INFO("contact " << result.contact_id << " " << result.display_name);
      const auto found = find_contact(db, "", result.contact_id);
      REQUIRE(found.ok());
      REQUIRE(found->has_value());
      const ContactRecord &record = **found;
      const Contact &c = record.contact;
      CHECK(result.display_name == c.name.display);
      CHECK(result.given_name == c.name.given);
      CHECK(result.family_name == c.name.family);
      CHECK(result.company == c.company);
      CHECK(result.department == c.department);
      CHECK(result.location == c.location);
      CHECK(result.building == c.building);
      CHECK(result.extension == c.extension);
      CHECK(result.emails == c.emails);
      CHECK(result.sources == record.sources);
      REQUIRE(result.numbers.size() == c.numbers.size());
      for (std::size_t i = 0; i < c.numbers.size(); ++i) {
         CHECK(result.numbers[i].type == c.numbers[i].type);
         CHECK(result.numbers[i].e164 == c.numbers[i].e164);
         CHECK(result.numbers[i].given == c.numbers[i].given);
      }
   }
}

SearchPage first_page(DirectoryDb &db, std::string_view query, std::size_t size) {
   auto page = search(db, query, size, "");
   if (!page) FAIL(page.error().what);
   return std::move(page.value());
}

}  // namespace

TEST_CASE("a page's results carry the fields and sources find_contact gives for each id") {
   Contact full = person("full", "Jürgen", "Zander", "Ørsted A/S \\ Nord", "+49 89 7007 1234", "1234");
   full.name.display = "Dr. \"Jü\" Zander";
   full.department = "R&D\tLab\n2";
   full.location = "Zürich \x01\x1f end";
   full.building = "B\b\f\r 日本語 😀";
   full.cost_centre = "4711";
   full.notes = std::string(1500, 'n');
   full.numbers.push_back({NumberType::mobile, "+4917155", "0171 55"});
   full.numbers.push_back({NumberType::fax, "+4989700799", "089 7007-99"});
   full.emails = {"jz@example.org", "\"quoted\"@example.org"};
   Contact company_only;
   company_only.source_id = "firm";
   company_only.company = "Zanderwerke GmbH";
   // The writer keeps such texts through nlohmann, which replaces the broken bytes.
   Contact broken = person("broken", "Zora\xff", "Zander\xc3", "Bad \xe2\x82 UTF-8");
   broken.emails = {"z\xfe@example.org"};
   ApplyOptions options;
   options.keep_raw_numbers = true;
   auto db = empty_book();
   const auto report = apply_source(*db, "hr", std::vector{full, company_only, broken}, options);
   REQUIRE(report.ok());
   REQUIRE(report->rejected.empty());

   const SearchPage page = first_page(*db, "zander", 20);
   REQUIRE(page.results.size() == 3);
   check_like_find_contact(*db, page);
   CHECK(page.results[0].family_name == "Zander");
   CHECK(page.results[0].building == "B\b\f\r 日本語 😀");
   CHECK(page.results[0].sources == std::vector<std::string>{"hr"});
   CHECK(page.results[1].family_name == "Zander\xef\xbf\xbd");  // U+FFFD for the broken byte
}

TEST_CASE("a merged contact of two sources shows the merged fields and both sources") {
   auto db = empty_book();
   ApplyOptions options;
   options.policy.keys = {DedupKey::email, DedupKey::extension};
   options.policy.source_priority = {"ldap", "pbx"};
   Contact pbx = person("100", "Hans", "HUBER H", "", "", "100");
   Contact ldap = person("cn=hans", "Hans", "Huber", "Example AG", "", "100");
   ldap.emails = {"h@example.com"};
   Contact other = person("200", "Hannes", "Hubmann", "", "", "200");
   REQUIRE(apply_source(*db, "pbx", std::vector{pbx, other}, options).ok());
   REQUIRE(apply_source(*db, "ldap", std::vector{ldap}, options).ok());

   const SearchPage page = first_page(*db, "hub", 20);
   REQUIRE(page.results.size() == 2);
   check_like_find_contact(*db, page);
   CHECK(page.results[0].display_name == "Huber, Hans");
   CHECK(page.results[0].company == "Example AG");
   CHECK(page.results[0].sources == std::vector<std::string>{"ldap", "pbx"});
   CHECK(page.results[1].sources == std::vector<std::string>{"pbx"});
}

TEST_CASE("pages larger than one read, and their next pages, match find_contact in rank order") {
   std::vector<Contact> rows;
   for (int i = 0; i < 47; ++i)
      rows.push_back(person(std::to_string(i), "Given" + std::to_string(i), "Family" + std::to_string(100 + i), "Firm",
                            "", std::to_string(1000 + i)));
   auto db = book_of(rows);
   const SearchPage first = first_page(*db, "firm", 30);
   REQUIRE(first.results.size() == 30);
   check_like_find_contact(*db, first);
   for (std::size_t i = 0; i < first.results.size(); ++i)
      CHECK(first.results[i].family_name == "Family" + std::to_string(100 + i));
   auto second = search(*db, "firm", 30, first.next_page_token);
   REQUIRE(second.ok());
   REQUIRE(second->results.size() == 17);
   check_like_find_contact(*db, *second);
   CHECK(second->results.front().family_name == "Family130");
}

TEST_CASE("a stored body Portier did not write is read as contact_from_json reads it, a broken one is an error") {
   auto db = book_of({person("1", "Anna", "Adler"), person("2", "Bert", "Adler")});
   // Spaces, a surrogate pair, a key of another type and an unknown key: the general reader's case.
   REQUIRE(sqlite3_exec(db->handle(),
                        "UPDATE source_rows SET body = '{ \"f\" : \"Adler\", \"g\": \"Anna \\ud83d\\ude00\", "
                        "\"x\": 7, \"zz\": [1, 2] }' WHERE source_id = '1'",
                        nullptr, nullptr, nullptr) == SQLITE_OK);
   SearchPage page = first_page(*db, "adler", 20);
   REQUIRE(page.results.size() == 2);
   check_like_find_contact(*db, page);
   CHECK(page.results[0].given_name == "Anna 😀");
   CHECK(page.results[0].extension.empty());

   REQUIRE(sqlite3_exec(db->handle(), "UPDATE source_rows SET body = '{\"f\":\"Adler\",' WHERE source_id = '2'", nullptr,
                        nullptr, nullptr) == SQLITE_OK);
   const auto broken = search(*db, "adler", 20, "");
   REQUIRE_FALSE(broken.ok());
   CHECK_THAT(broken.error().what, Catch::Matchers::Contains("not a JSON object"));
}

TEST_CASE("the direct reader takes every body the writer makes, broken UTF-8 replaced, and leaves others") {
   Contact c = person("7", "Jürgen\xff", "Groß", "Ørsted \\ \"A/S\"", "", "4711");
   c.name.display = "Dr. Groß";
   c.department = "R&D\tLab\n\x01";
   c.cost_centre = "cc";
   c.notes = "notes \u00e9";
   c.numbers = {{NumberType::home, "+4930", "030"}, {NumberType::private_line, "", "0171"}};
   c.emails = {"a@example.org"};
   c.tenant = "Hotel";
   for (const Contact &contact : {c, person("8", "", "", "Firm only")}) {
      const std::string body = to_json(contact);
      INFO(body);
      const auto general = contact_from_json(body);
      REQUIRE(general.ok());
      SearchResult result;
      REQUIRE(read_result_body(body, result));
      CHECK(result.display_name == display_name_of(*general));
      CHECK(result.given_name == general->name.given);
      CHECK(result.family_name == general->name.family);
      CHECK(result.company == general->company);
      CHECK(result.department == general->department);
      CHECK(result.extension == general->extension);
      CHECK(result.emails == general->emails);
      REQUIRE(result.numbers.size() == general->numbers.size());
      for (std::size_t i = 0; i < result.numbers.size(); ++i) {
         CHECK(result.numbers[i].type == general->numbers[i].type);
         CHECK(result.numbers[i].e164 == general->numbers[i].e164);
         CHECK(result.numbers[i].given == general->numbers[i].given);
      }
   }
   SearchResult other;
   CHECK_FALSE(read_result_body("{\"g\":\"\\ud83d\\ude00\"}", other));  // surrogates: the general reader
   CHECK_FALSE(read_result_body("{\"g\":\"a\xff\"}", other));              // broken UTF-8
   CHECK_FALSE(read_result_body("{\"g\":\"a\"} x", other));                 // text after the object
   CHECK_FALSE(read_result_body("{\"x\":7}", other));                         // not a string
}
