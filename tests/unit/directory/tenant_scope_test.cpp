// SPDX-License-Identifier: GPL-3.0-or-later
// Tenant scope: a source fills one tenant's phone book (or every tenant's with "*"); searches and
// contact lookups of a tenant never show another tenant's contacts.
#include <catch2/catch.hpp>

#include "directory/contact_lookup.h"
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
