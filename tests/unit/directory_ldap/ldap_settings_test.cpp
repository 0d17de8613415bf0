// SPDX-License-Identifier: GPL-3.0-or-later
// directory.ldap's settings: defaults, every key read, and each problem named by its key.
#include <algorithm>
#include <string>
#include <string_view>

#include <catch2/catch.hpp>

#include "ldap_settings.h"

using namespace portier::ldap;

namespace {

LdapSettings settings_of(std::string_view json) {
   auto s = parse_ldap_settings(json);
   INFO(s.message());
   REQUIRE(s.ok());
   return s.value();
}

std::string settings_failure(std::string_view json) {
   auto s = parse_ldap_settings(json);
   REQUIRE_FALSE(s.ok());
   CHECK(s.status() == PORTIER_ERR_CONFIG);
   return s.message();
}

const char kMinimal[] = R"({"url":"ldap://127.0.0.1:3890","base_dn":"ou=people,dc=example,dc=com")";

std::string with(const std::string &extra) { return std::string(kMinimal) + "," + extra + "}"; }

}  // namespace

TEST_CASE("defaults: inetOrgPerson filter, subtree, pages of 500, no size limit, 30 s, no TLS") {
   const LdapSettings s = settings_of(std::string(kMinimal) + "}");
   CHECK(s.url == "ldap://127.0.0.1:3890");
   CHECK(s.base_dn == "ou=people,dc=example,dc=com");
   CHECK(s.filter == "(objectClass=inetOrgPerson)");
   CHECK(s.scope == Scope::subtree);
   CHECK(s.page_size == 500);
   CHECK(s.size_limit == 0);
   CHECK(s.timeout_seconds == 30);
   CHECK_FALSE(s.uses_tls());
   CHECK(s.bind_dn.empty());
   CHECK(s.attributes.fields[index_of(Field::source_id)] == std::vector<std::string>{"entryUUID", "dn"});
   CHECK(s.attributes.fields[index_of(Field::display_name)] == std::vector<std::string>{"displayName", "cn"});
   CHECK(s.attributes.emails == std::vector<std::string>{"mail"});
   CHECK(s.attributes.fields[index_of(Field::extension)].empty());
}

TEST_CASE("a full configuration is read with every key") {
   const LdapSettings s = settings_of(with(
       R"x("bind_dn":"cn=reader,dc=example,dc=com","password_secret":"bind_password","filter":"(&(objectClass=person)(!(ou=gone)))",)x"
       R"("scope":"one","page_size":1000,"size_limit":20000,"timeout_seconds":5,"start_tls":true,)"
       R"("tls":{"ca_file":"/etc/portier/ldap-ca.pem","verify":true},)"
       R"("attributes":{"source_id":"employeeNumber","extension":"telephoneExtension","email":["mail","mailAlternateAddress"],)"
       R"("private":"otherPhone","cost_centre":""})"));
   CHECK(s.bind_dn == "cn=reader,dc=example,dc=com");
   CHECK(s.password_secret == "bind_password");
   CHECK(s.scope == Scope::one_level);
   CHECK(s.page_size == 1000);
   CHECK(s.size_limit == 20000);
   CHECK(s.timeout_seconds == 5);
   CHECK(s.uses_tls());
   CHECK(s.tls.ca_file == "/etc/portier/ldap-ca.pem");
   CHECK(s.attributes.fields[index_of(Field::source_id)] == std::vector<std::string>{"employeeNumber"});
   CHECK(s.attributes.fields[index_of(Field::extension)] == std::vector<std::string>{"telephoneExtension"});
   CHECK(s.attributes.fields[index_of(Field::cost_centre)].empty());
   CHECK(s.attributes.emails == std::vector<std::string>{"mail", "mailAlternateAddress"});
   CHECK(s.attributes.phones[4] == std::vector<std::string>{"otherPhone"});
   // the search asks for each mapped attribute once, never for the DN
   const auto requested = s.attributes.requested();
   CHECK(std::count(requested.begin(), requested.end(), "mail") == 1);
   CHECK(std::count(requested.begin(), requested.end(), "dn") == 0);
   CHECK(std::count(requested.begin(), requested.end(), "telephoneExtension") == 1);
}

TEST_CASE("url, base_dn are required and the url must be ldap:// or ldaps:// with a host") {
   CHECK(settings_failure("{}") == "settings.url: is required: ldap://host:port or ldaps://host:port; "
                                   "settings.base_dn: is required: where the search starts, e.g. "
                                   "ou=people,dc=example,dc=com");
   CHECK(settings_failure(R"({"url":"http://127.0.0.1","base_dn":"dc=x"})") ==
         "settings.url: 'http://127.0.0.1' does not start with ldap:// or ldaps://");
   CHECK(settings_failure(R"({"url":"ldap://127.0.0.1:99999","base_dn":"dc=x"})") ==
         "settings.url: 'ldap://127.0.0.1:99999': the port is not 1..65535");
   CHECK(settings_failure(R"({"url":"ldap://127.0.0.1/dc=x??sub","base_dn":"dc=x"})").find("settings.url:") == 0);
}

TEST_CASE("a password is never a setting: bind_dn needs password_secret, the name of a secret") {
   CHECK(settings_failure(with(R"("bind_dn":"cn=reader,dc=example,dc=com")")) ==
         "settings.password_secret: is required with bind_dn: the name of the secret holding the bind password");
   CHECK(settings_failure(with(R"("bind_dn":"cn=r","password_secret":"Hunter 2!")")) ==
         "settings.password_secret: a secret's name (a-z, 0-9, _ . -) from the entry's secrets, not the password");
   CHECK(settings_failure(with(R"("bind_dn":"cn=r","password":"hunter2")")).find("unknown key 'password'") !=
         std::string::npos);
}

TEST_CASE("scope, filter, page_size, timeout, tls and start_tls problems name their key") {
   CHECK(settings_failure(with(R"("scope":"base")")) == "settings.scope: 'base' is not one of sub, one");
   CHECK(settings_failure(with(R"("filter":"(cn=a")")) ==
         "settings.filter: '(cn=a' is not one parenthesised LDAP filter");
   CHECK(settings_failure(with(R"("page_size":0)")) == "settings.page_size: 0 is out of range 1..10000");
   CHECK(settings_failure(with(R"("timeout_seconds":0)")) == "settings.timeout_seconds: 0 is out of range 1..3600");
   CHECK(settings_failure(with(R"("tls":{"ca_file":"ca.pem"})")) ==
         "settings.tls.ca_file: expected the absolute path of a PEM file");
   CHECK(settings_failure(with(R"("tls":{"verfy":false})")).find("settings.tls: unknown key 'verfy'") == 0);
   CHECK(settings_failure(R"({"url":"ldaps://127.0.0.1","base_dn":"dc=x","start_tls":true})") ==
         "settings.start_tls: is for ldap:// URLs; an ldaps:// connection is encrypted from the start");
}

TEST_CASE("attribute mapping problems name the field, with a did-you-mean for unknown fields") {
   CHECK(settings_failure(with(R"("attributes":{"familly":"sn"})")).find("settings.attributes: unknown key 'familly' "
                                                                         "(did you mean 'family'?)") == 0);
   CHECK(settings_failure(with(R"("attributes":{"given":"given name"})")).find("settings.attributes.given: 'given name' "
                                                                               "is not an attribute name") == 0);
   CHECK(settings_failure(with(R"("attributes":{"source_id":[]})")) ==
         "settings.attributes.source_id: must name at least one attribute (or dn): it identifies a contact between runs");
   CHECK(settings_failure(with(R"("attributes":{"email":[1]})")) ==
         "settings.attributes.email[0]: expected an attribute name, got a number");
}
