// SPDX-License-Identifier: GPL-3.0-or-later
// One LDAP entry -> one contact or one reject, with the default inetOrgPerson mapping.
#include <string>

#include <catch2/catch.hpp>

#include "entry_mapping.h"

using namespace portier::ldap;

namespace {

Entry person(const std::string &dn, std::vector<std::pair<std::string, std::vector<std::string>>> attributes) {
   return Entry{dn, std::move(attributes)};
}

}  // namespace

TEST_CASE("an inetOrgPerson entry maps to a contact with every field, all mails and typed phones") {
   EntryImport import(default_attribute_map());
   import.add(person("uid=jm,ou=people,dc=example,dc=com",
                     {{"entryUUID", {"5a1c0e9e-0001"}},
                      {"cn", {"Jürgen Müller"}},
                      {"givenName", {"Jürgen"}},
                      {"sn", {"Müller"}},
                      {"o", {"ACME"}},
                      {"ou", {"Einkauf"}},
                      {"l", {"München"}},
                      {"physicalDeliveryOfficeName", {"Haus B"}},
                      {"MAIL", {"jm@example.com", "juergen.mueller@example.com"}},
                      {"telephoneNumber", {"+49 89 700-1"}},
                      {"mobile", {"0171 1"}},
                      {"facsimileTelephoneNumber", {"+49 89 700-9"}}}),
              1);
   REQUIRE(import.contacts().size() == 1);
   const Contact &c = import.contacts()[0];
   CHECK(c.get(Field::source_id) == "5a1c0e9e-0001");
   CHECK(c.get(Field::display_name) == "Jürgen Müller");  // cn, as there is no displayName
   CHECK(c.get(Field::given) == "Jürgen");
   CHECK(c.get(Field::family) == "Müller");
   CHECK(c.get(Field::company) == "ACME");
   CHECK(c.get(Field::department) == "Einkauf");  // ou, as there is no departmentNumber
   CHECK(c.get(Field::location) == "München");
   CHECK(c.get(Field::building) == "Haus B");
   // attribute names compare ignoring case, as in LDAP
   CHECK(c.emails == std::vector<std::string>{"jm@example.com", "juergen.mueller@example.com"});
   REQUIRE(c.phones.size() == 3);
   CHECK(c.phones[0] == std::make_pair(std::int32_t{1}, std::string("+49 89 700-1")));
   CHECK(c.phones[1] == std::make_pair(std::int32_t{2}, std::string("0171 1")));
   CHECK(c.phones[2] == std::make_pair(std::int32_t{4}, std::string("+49 89 700-9")));
   CHECK(import.report().accepted == 1);
}

TEST_CASE("without entryUUID the DN is the source id, and without cn the name is given + family") {
   EntryImport import(default_attribute_map());
   import.add(person("uid=ak,dc=example,dc=com", {{"givenName", {"Aiko"}}, {"sn", {"Kato"}}}), 1);
   REQUIRE(import.contacts().size() == 1);
   CHECK(import.contacts()[0].get(Field::source_id) == "uid=ak,dc=example,dc=com");
   CHECK(import.contacts()[0].get(Field::display_name) == "Aiko Kato");
}

TEST_CASE("an entry without a source id or without any name is rejected with its number, page and DN") {
   AttributeMap map = default_attribute_map();
   map.fields[index_of(Field::source_id)] = {"employeeNumber"};
   EntryImport import(map);
   import.add(person("uid=a,dc=x", {{"employeeNumber", {"1"}}, {"cn", {"A"}}}), 1);
   import.add(person("uid=b,dc=x", {{"cn", {"B"}}}), 1);
   import.add(person("uid=c,dc=x", {{"employeeNumber", {"3"}}, {"mail", {"c@x"}}}), 2);
   import.add(person("uid=d,dc=x", {{"employeeNumber", {"1"}}, {"cn", {"D"}}}), 2);
   CHECK(import.report().read == 4);
   CHECK(import.report().accepted == 1);
   CHECK(import.report().rejected == 3);
   const auto &listed = import.report().listed;
   REQUIRE(listed.size() == 3);
   CHECK(listed[0].number == 2);
   CHECK(listed[0].page == 1);
   CHECK(listed[0].dn == "uid=b,dc=x");
   CHECK(listed[0].reason == "no source id (employeeNumber empty or absent)");
   CHECK(listed[1].number == 3);
   CHECK(listed[1].page == 2);
   CHECK(listed[1].reason == "no name (displayName, cn, givenName, sn empty or absent)");
   CHECK(listed[2].reason == "duplicate source id '1' (first in entry 1)");
   CHECK(describe(listed[0]) == "entry 2 (page 1, uid=b,dc=x): no source id (employeeNumber empty or absent)");
   CHECK(summary(import.report()) == "4 read, 1 accepted, 3 rejected");
}

TEST_CASE("a configured extension attribute fills the extension, an unmapped one stays empty") {
   AttributeMap map = default_attribute_map();
   EntryImport plain(map);
   plain.add(person("uid=a,dc=x", {{"cn", {"A"}}, {"telephoneExtension", {"3107"}}}), 1);
   CHECK(plain.contacts()[0].get(Field::extension).empty());
   map.fields[index_of(Field::extension)] = {"telephoneExtension"};
   EntryImport mapped(map);
   mapped.add(person("uid=a,dc=x", {{"cn", {"A"}}, {"telephoneExtension", {"3107"}}}), 1);
   CHECK(mapped.contacts()[0].get(Field::extension) == "3107");
}
