// SPDX-License-Identifier: GPL-3.0-or-later
#include <catch2/catch.hpp>

#include "directory/merge.h"
#include "test_book.h"

using namespace portier::directory;
using namespace portier::directory::test;

namespace {

Contact row(std::string source, std::string id, std::string family, std::string email, std::string extension,
            std::string company = "") {
   Contact c = person(std::move(id), "Hans", std::move(family), std::move(company), "", std::move(extension));
   c.source = std::move(source);
   if (!email.empty()) c.emails.push_back(std::move(email));
   return c;
}

MergePolicy by_email_and_extension(std::vector<std::string> priority) {
   MergePolicy policy;
   policy.keys = {DedupKey::email, DedupKey::extension};
   policy.source_priority = std::move(priority);
   return policy;
}

}  // namespace

TEST_CASE("merge takes each field from the highest-priority source that has it") {
   const std::vector<Contact> rows{row("pbx", "100", "", "", "100"),
                                   row("ldap", "cn=hans", "Huber", "hans@example.com", "", "Example AG")};
   const Contact shown = merge(rows, by_email_and_extension({"ldap", "pbx"}));
   CHECK(shown.name.family == "Huber");
   CHECK(shown.company == "Example AG");
   CHECK(shown.extension == "100");  // only the PBX has it
   CHECK(shown.emails == std::vector<std::string>{"hans@example.com"});
   CHECK(shown.source == "ldap");
}

TEST_CASE("a field's own priority overrides the source priority") {
   const std::vector<Contact> rows{row("pbx", "100", "Huber-PBX", "", "100", "PBX Name"),
                                   row("ldap", "cn=hans", "Huber", "", "200", "LDAP Name")};
   MergePolicy policy = by_email_and_extension({"ldap", "pbx"});
   policy.field_priority = {{Field::extension, {"pbx"}}};
   const Contact shown = merge(rows, policy);
   CHECK(shown.extension == "100");
   CHECK(shown.company == "LDAP Name");
   CHECK(shown.name.family == "Huber");
}

TEST_CASE("merge does not depend on the order of its rows") {
   const std::vector<Contact> a{row("b", "1", "Bee", "", "1"), row("a", "1", "Ay", "", "1")};
   const std::vector<Contact> b{a[1], a[0]};
   const MergePolicy policy = by_email_and_extension({});
   CHECK(merge(a, policy).name.family == "Ay");  // unlisted sources: by name
   CHECK(merge(b, policy).name.family == "Ay");
}

TEST_CASE("dedup keys are the lower-case e-mail and the extension, as configured") {
   const Contact c = row("ldap", "1", "Huber", "Hans.Huber@Example.COM", "4711");
   CHECK(dedup_keys_of(c, by_email_and_extension({})) ==
         std::vector<std::string>{"e:hans.huber@example.com", "x:4711"});
   MergePolicy email_only;
   email_only.keys = {DedupKey::email};
   CHECK(dedup_keys_of(c, email_only) == std::vector<std::string>{"e:hans.huber@example.com"});
   CHECK(dedup_keys_of(c, MergePolicy{}).empty());
}

TEST_CASE("rows of two sources with the same e-mail are one contact in search") {
   auto db = empty_book();
   ApplyOptions options;
   options.policy = by_email_and_extension({"ldap", "pbx"});
   REQUIRE(apply_source(*db, "pbx", std::vector{row("", "100", "HUBER H", "", "100")}, options).ok());
   REQUIRE(apply_source(*db, "ldap", std::vector{row("", "cn=hans", "Huber", "h@example.com", "100", "Example AG")},
                        options)
               .ok());
   auto page = search(*db, "huber", 10, "");
   REQUIRE(page.ok());
   REQUIRE(page->results.size() == 1);
   CHECK(page->results[0].display_name == "Huber, Hans");
   CHECK(page->results[0].company == "Example AG");

   // The LDAP row goes: the PBX's own row shows again, under the same contact id.
   const std::int64_t id = page->results[0].contact_id;
   REQUIRE(apply_source(*db, "ldap", std::vector<Contact>{}, options).ok());
   page = search(*db, "huber", 10, "");
   REQUIRE(page.ok());
   REQUIRE(page->results.size() == 1);
   CHECK(page->results[0].display_name == "HUBER H, Hans");
   CHECK(page->results[0].contact_id == id);
}

TEST_CASE("a row whose key changes leaves the contact it was merged into") {
   auto db = empty_book();
   ApplyOptions options;
   options.policy = by_email_and_extension({"ldap", "pbx"});
   REQUIRE(apply_source(*db, "pbx", std::vector{row("", "100", "Pbxname", "", "100")}, options).ok());
   REQUIRE(apply_source(*db, "ldap", std::vector{row("", "cn=a", "Ldapname", "", "100")}, options).ok());
   CHECK(names_found(*db, "pbxname").empty());
   REQUIRE(apply_source(*db, "ldap", std::vector{row("", "cn=a", "Ldapname", "", "200")}, options).ok());
   CHECK(names_found(*db, "pbxname") == std::vector<std::string>{"Pbxname, Hans"});
   CHECK(names_found(*db, "ldapname") == std::vector<std::string>{"Ldapname, Hans"});
}

TEST_CASE("rows of the same source are never merged with each other") {
   auto db = empty_book();
   ApplyOptions options;
   options.policy = by_email_and_extension({});
   REQUIRE(apply_source(*db, "csv", std::vector{row("", "1", "One", "", "100"), row("", "2", "Two", "", "100")},
                        options)
               .ok());
   CHECK(names_found(*db, "hans").size() == 2);
}
