// SPDX-License-Identifier: GPL-3.0-or-later
#include <algorithm>
#include <set>

#include <catch2/catch.hpp>

#include "test_book.h"

using namespace portier::directory;
using namespace portier::directory::test;
using Names = std::vector<std::string>;

namespace {

bool has(const Names &names, std::string_view name) { return std::find(names.begin(), names.end(), name) != names.end(); }

}  // namespace

TEST_CASE("Müller, Mueller and muller each find the Müller, and the Mueller by muller") {
   auto db = book_of(many_languages());
   for (const char *query : {"Müller", "muller", "MULLER"}) {
      const Names names = names_found(*db, query);
      INFO(query);
      CHECK(has(names, "Müller, Hans"));
      CHECK(has(names, "Mueller, Eva"));
      CHECK(has(names, "Muller, Paul"));
   }
   const Names by_ue = names_found(*db, "mueller");
   CHECK(has(by_ue, "Müller, Hans"));
   CHECK(has(by_ue, "Mueller, Eva"));
}

TEST_CASE("names with Nordic, French, Czech, Turkish and Polish letters are found typed plainly") {
   auto db = book_of(many_languages());
   CHECK(names_found(*db, "orsted") == Names{"Ørsted, Anders"});
   CHECK(names_found(*db, "oersted") == Names{"Ørsted, Anders"});
   CHECK(names_found(*db, "Ørs") == Names{"Ørsted, Anders"});
   CHECK(names_found(*db, "francois") == Names{"Lefèvre, François"});
   CHECK(names_found(*db, "oystein") == Names{"Dahl, Øystein"});
   CHECK(names_found(*db, "dvorak") == Names{"Dvořák, Antonín"});
   CHECK(names_found(*db, "izmir") == Names{"İzmirli, Şule"});
   CHECK(names_found(*db, "İZM") == Names{"İzmirli, Şule"});
   CHECK(names_found(*db, "lukasz") == Names{"Wiśniewski, Łukasz"});
   CHECK(names_found(*db, "strasse") == Names{"Straße, Sven"});
   CHECK(names_found(*db, "česká") == Names{"Dvořák, Antonín"});
}

TEST_CASE("a sound-alike finds Meier, Mayer, Maier and Meyer as phonetic matches") {
   auto db = book_of(many_languages());
   const auto page = search(*db, "Meyr", 20, "");
   REQUIRE(page.ok());
   std::set<std::string> names;
   for (const SearchResult &result : page->results) {
      CHECK(result.tier == MatchTier::phonetic);
      names.insert(result.display_name);
   }
   CHECK(names == std::set<std::string>{"Maier, Karl", "Mayer, Jörg", "Meier, Grete", "Meyer, Lena"});
}

TEST_CASE("Schmitt finds Schmidt by sound, Smyth finds Smith, Kathryn finds Catherine") {
   auto db = book_of(many_languages());
   CHECK(has(names_found(*db, "schmitt"), "Schmidt, Uwe"));
   CHECK(has(names_found(*db, "smyth"), "Smith, John"));
   CHECK(has(names_found(*db, "kathryn"), "Jones, Catherine"));
}

TEST_CASE("in a two-word query either word may be the sound-alike, the other typed as a prefix") {
   auto db = book_of(many_languages());
   for (const char *query : {"meyr gre", "gre meyr", "grete meyr"}) {
      INFO(query);
      const auto page = search(*db, query, 20, "");
      REQUIRE(page.ok());
      REQUIRE(page->results.size() == 1);
      CHECK(page->results[0].display_name == "Meier, Grete");
      CHECK(page->results[0].tier == MatchTier::phonetic);
   }
}

TEST_CASE("exact word matches come before prefix matches, which come before sound-alikes") {
   auto db = book_of({person("1", "Anna", "Meierhofer"), person("2", "Bert", "Meier"), person("3", "Carl", "Mayer"),
                      person("4", "Dora", "Aal", "Meier GmbH")});
   const auto page = search(*db, "meier", 10, "");
   REQUIRE(page.ok());
   std::vector<std::pair<std::string, MatchTier>> got;
   for (const SearchResult &r : page->results) got.emplace_back(r.display_name, r.tier);
   // Within a tier the rank order: family, given, company ("Aal" before "Meier").
   CHECK(got == std::vector<std::pair<std::string, MatchTier>>{{"Aal, Dora", MatchTier::exact},
                                                               {"Meier, Bert", MatchTier::exact},
                                                               {"Meierhofer, Anna", MatchTier::prefix},
                                                               {"Mayer, Carl", MatchTier::phonetic}});
}

TEST_CASE("sound-alikes are not asked when the names found fill a page") {
   auto db = book_of({person("1", "A", "Meier"), person("2", "B", "Meier"), person("3", "C", "Mayer")});
   const auto page = search(*db, "meier", 2, "");
   REQUIRE(page.ok());
   CHECK(page->results.size() == 2);
   CHECK(page->next_page_token.empty());
}

TEST_CASE("several words must all match, as prefixes of any name part") {
   auto db = book_of(many_languages());
   CHECK(names_found(*db, "mu ha") == Names{"Müller, Hans"});
   CHECK(names_found(*db, "ha mü") == Names{"Müller, Hans"});
   CHECK(names_found(*db, "mu stadtwerke") == Names{"Müller, Hans"});
   CHECK(names_found(*db, "mu zz").empty());
}

TEST_CASE("a run of digits finds the number with or without its prefix") {
   auto db = empty_book();
   ApplyOptions options;
   const auto plan = [] {
      portier::numbers::NumberPlan p;
      p.country_code = "49";
      p.area_code = "89";
      p.trunk_code = "0";
      p.max_extension_length = 5;
      p.access_codes = {"0", "0", "00", ""};
      p.trunks = {{"7007", "", ""}};
      return p;
   }();
   options.plan = &plan;
   const auto report = apply_source(*db, "hr", std::vector{person("1", "Hans", "Huber", "", "089 7007-1234", "1234"),
                                                           person("2", "Ida", "Ilg", "", "+44 20 7946 0000")},
                                    options);
   REQUIRE(report.ok());
   REQUIRE(report->rejected.empty());
   for (const char *query : {"8970071", "089 7007", "+49 89", "0049 89 7007", "7007 1234", "234", "1234"}) {
      INFO(query);
      const auto page = search(*db, query, 10, "");
      REQUIRE(page.ok());
      REQUIRE(page->results.size() == 1);
      CHECK(page->results[0].display_name == "Huber, Hans");
      CHECK(page->results[0].tier == MatchTier::number);
      CHECK(page->results[0].numbers.at(0).e164 == "+498970071234");
      CHECK(page->results[0].numbers.at(0).given == "089 7007-1234");
   }
   CHECK(names_found(*db, "7946") == Names{"Ilg, Ida"});
   CHECK(names_found(*db, "4420") == Names{"Ilg, Ida"});
   CHECK(names_found(*db, "5555").empty());
}

TEST_CASE("a fragment longer than a window is found only where its digits stand together") {
   // Ida's two numbers hold every 4-digit window of "7123456" ("7123", "1234", "2345" in one,
   // "3456" in the other) but not the run itself; the index finds her and the check drops her.
   Contact ida = person("2", "Ida", "Ilg", "", "+49 89 712345");
   ida.numbers.push_back({NumberType::mobile, "", "+49 151 9345600"});
   auto db = book_of({person("1", "Hans", "Huber", "", "+49 89 7123456"), ida});
   CHECK(names_found(*db, "7123456") == Names{"Huber, Hans"});
   CHECK(names_found(*db, "123456") == Names{"Huber, Hans"});
   CHECK(names_found(*db, "12345") == Names{"Huber, Hans", "Ilg, Ida"});
   CHECK(names_found(*db, "93456") == Names{"Ilg, Ida"});
   CHECK(names_found(*db, "3456") == Names{"Huber, Hans", "Ilg, Ida"});
   CHECK(names_found(*db, "456") == Names{"Huber, Hans", "Ilg, Ida"});
   CHECK(names_found(*db, "49151 9345600") == Names{"Ilg, Ida"});
   CHECK(names_found(*db, "4989712345 9").empty());
}

TEST_CASE("pages of a checked number fragment follow each other") {
   // Every second contact holds the windows of "52468" apart (in two numbers), the others the run.
   std::vector<Contact> rows;
   for (int i = 0; i < 45; ++i) {
      const std::string tail = std::to_string(100 + i);
      Contact row = person(std::to_string(i), "Given" + tail, "Family" + tail, "",
                           i % 2 == 0 ? "+49 89 52468" + tail : "+49 89 5246" + tail);
      if (i % 2 == 1) row.numbers.push_back({NumberType::mobile, "", "+49 151 8" + tail + "92468"});
      rows.push_back(std::move(row));
   }
   auto db = book_of(rows);
   std::vector<std::string> seen;
   std::string token;
   for (int page_number = 0; page_number < 10; ++page_number) {
      const auto page = search(*db, "52468", 5, token);
      REQUIRE(page.ok());
      for (const SearchResult &r : page->results) seen.push_back(r.display_name);
      if (page->next_page_token.empty()) break;
      token = page->next_page_token;
   }
   std::vector<std::string> expected;
   for (int i = 0; i < 45; i += 2) expected.push_back("Family" + std::to_string(100 + i) + ", Given" + std::to_string(100 + i));
   CHECK(seen == expected);
}

TEST_CASE("pages follow each other without repeats or gaps across tiers") {
   std::vector<Contact> rows;
   for (int i = 0; i < 57; ++i) {
      // Exact "berg", prefix "bergmann" and sound-alike-free rows, interleaved in rank order.
      const std::string family = i % 3 == 0 ? "Berg" : i % 3 == 1 ? "Bergmann" : "Bergström";
      rows.push_back(person(std::to_string(i), "Given" + std::to_string(100 + i), family));
   }
   auto db = book_of(rows);
   std::vector<std::int64_t> seen;
   std::string token;
   std::vector<MatchTier> tiers;
   for (int page_number = 0; page_number < 100; ++page_number) {
      const auto page = search(*db, "berg", 10, token);
      REQUIRE(page.ok());
      CHECK(page->results.size() <= 10);
      for (const SearchResult &r : page->results) {
         seen.push_back(r.contact_id);
         tiers.push_back(r.tier);
      }
      token = page->next_page_token;
      if (token.empty()) break;
      CHECK(page->results.size() == 10);
   }
   CHECK(seen.size() == 57);
   CHECK(std::set<std::int64_t>(seen.begin(), seen.end()).size() == 57);
   CHECK(std::is_sorted(tiers.begin(), tiers.end(),
                        [](MatchTier a, MatchTier b) { return static_cast<int>(a) < static_cast<int>(b); }));
   CHECK(std::count(tiers.begin(), tiers.end(), MatchTier::exact) == 19);
}

TEST_CASE("a page size of 1 still walks every result") {
   auto db = book_of(many_languages());
   std::string token;
   std::size_t found = 0;
   for (int i = 0; i < 20; ++i) {
      const auto page = search(*db, "mu", 1, token);
      REQUIRE(page.ok());
      found += page->results.size();
      token = page->next_page_token;
      if (token.empty()) break;
   }
   CHECK(found == 3);
}

TEST_CASE("bad page sizes, tokens and overlong queries are errors, not crashes") {
   auto db = book_of(many_languages());
   CHECK_FALSE(search(*db, "mu", 0, "").ok());
   CHECK_FALSE(search(*db, "mu", kMaxPageSize + 1, "").ok());
   CHECK_FALSE(search(*db, "mu", 10, "9.1").ok());
   CHECK_FALSE(search(*db, "mu", 10, "1.x").ok());
   CHECK_FALSE(search(*db, std::string(kMaxQueryBytes + 1, 'a'), 10, "").ok());
}

TEST_CASE("FTS5 syntax in a query is taken as text") {
   auto db = book_of(many_languages());
   for (const char *query : {"\"", "mu\" OR \"a", "NEAR(a b)", "*", "-", "{names}:x", "AND"}) {
      INFO(query);
      CHECK(search(*db, query, 10, "").ok());
   }
   CHECK(names_found(*db, "\"müller\"") == names_found(*db, "müller"));
}

TEST_CASE("results carry company, numbers and extension, and leave live state to the engine") {
   auto db = book_of(many_languages());
   const auto page = search(*db, "stadtwerke", 10, "");
   REQUIRE(page.ok());
   REQUIRE(page->results.size() == 1);
   const SearchResult &r = page->results[0];
   CHECK(r.company == "Stadtwerke München");
   CHECK(r.extension == "1234");
   CHECK(r.numbers.at(0).e164 == "+498970071234");
   CHECK_FALSE(r.phone_state.has_value());
   CHECK_FALSE(r.presence.has_value());
   CHECK_FALSE(r.absence.has_value());
}
