// SPDX-License-Identifier: GPL-3.0-or-later
// directory.ldap against a real slapd (started by run_with_slapd.py): the built plugin loaded with
// dlopen and driven through its C ABI. The data set holds 5,014 entries, 14 of them broken, and
// the server answers at most 1,000 entries to a search without paging.
#include <dlfcn.h>

#include <cstdlib>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include <portier/json.hpp>
#include <portier/portier.h>

#include "directory_host.h"

namespace {

std::string env(const char *name) {
   const char *v = std::getenv(name);
   if (v == nullptr) FAIL("run through run_with_slapd.py: " << name << " is not set");
   return v;
}

struct Copied {
   std::string key, display, first, last, company, department, location, building, extension, email;
   std::vector<std::string> emails;
   std::vector<std::pair<std::int32_t, std::string>> phones;
};

struct Collector {
   std::map<std::string, Copied> by_key;
   std::size_t count = 0;
   bool null_seen = false;
};

bool PORTIER_ABI collect(void *user, const portier_directory_record *rec) {
   auto &c = *static_cast<Collector *>(user);
   ++c.count;
   const char *strings[] = {rec->source_key, rec->display_name, rec->first_name, rec->last_name, rec->company,
                            rec->department, rec->location, rec->email, rec->sip_uri, rec->building,
                            rec->cost_centre, rec->notes, rec->extension};
   for (const char *s : strings) c.null_seen = c.null_seen || s == nullptr;
   if (!PORTIER_HAS(rec, portier_directory_record, emails)) {
      c.null_seen = true;
      return false;
   }
   Copied copy{rec->source_key, rec->display_name, rec->first_name, rec->last_name, rec->company, rec->department,
               rec->location, rec->building, rec->extension, rec->email, {}, {}};
   for (std::uint32_t i = 0; i < rec->email_count; ++i) copy.emails.emplace_back(rec->emails[i]);
   for (std::uint32_t i = 0; i < rec->phone_count; ++i) copy.phones.emplace_back(rec->phones[i].type, rec->phones[i].number);
   c.by_key[copy.key] = std::move(copy);
   return true;
}

struct CopiedReject {
   std::uint32_t line;
   std::uint64_t offset;
   std::string key, reason;
};

bool PORTIER_ABI collect_reject(void *user, const portier_directory_reject *rej) {
   static_cast<std::vector<CopiedReject> *>(user)->push_back(
       CopiedReject{rej->line, rej->offset, rej->source_key, rej->reason});
   return true;
}

// The plugin loaded, created with `settings`, started, with the reader's password as a secret.
class Rig {
public:
   explicit Rig(const std::string &settings, const std::string &password = env("PORTIER_LDAP_READER_PASSWORD")) {
      host.secrets["bind_password"] = password;
      // RTLD_NODELETE: libldap sets up Cyrus SASL once per load (its client plugins allocate
      // process-lifetime state). Unloading it after every case would orphan that state each
      // time, which LeakSanitizer rightly reports; kept loaded, it is set up once and stays
      // reachable, as in portierd, which never unloads a running plugin's library mid-run.
      library_ = dlopen(DIRECTORY_LDAP_PLUGIN, RTLD_NOW | RTLD_LOCAL | RTLD_NODELETE);
      REQUIRE(library_ != nullptr);
      auto entry = reinterpret_cast<portier_plugin_entry_fn>(dlsym(library_, PORTIER_ENTRY_SYMBOL));
      REQUIRE(entry != nullptr);
      plugin = entry(PORTIER_ABI_MAJOR);
      REQUIRE(plugin != nullptr);
      portier_error err = PORTIER_ERROR_INIT;
      INFO(settings);
      const portier_str json{settings.data(), settings.size()};
      REQUIRE(plugin->validate_config(json, &err) == PORTIER_OK);
      REQUIRE(plugin->create(&host.table, json, &inst, &err) == PORTIER_OK);
      REQUIRE(plugin->start(inst, &err) == PORTIER_OK);
      source = static_cast<const portier_directory_source_v1 *>(plugin->get_interface(inst, PORTIER_IF_DIRECTORY_SOURCE_1));
      REQUIRE(source != nullptr);
   }
   Rig(const Rig &) = delete;
   Rig &operator=(const Rig &) = delete;
   ~Rig() {
      plugin->stop(inst);
      plugin->destroy(inst);
      dlclose(library_);
   }

   portier_directory_event import(std::uint64_t correlation) {
      portier_error err = PORTIER_ERROR_INIT;
      REQUIRE(source->begin_import(inst, correlation, &err) == PORTIER_PENDING);
      portier_directory_event ev{};
      REQUIRE(host.wait_ready(correlation, ev));
      return ev;
   }

   test::DirectoryHost host;
   const portier_plugin *plugin = nullptr;
   portier_instance *inst = nullptr;
   const portier_directory_source_v1 *source = nullptr;

private:
   void *library_ = nullptr;
};

// Settings for the test data set: employeeNumber identifies a person, the test schema's
// telephoneExtension is the extension, and nameless portierContact entries match the filter.
std::string settings(const std::string &url, const std::string &extra = "") {
   return R"({"url":")" + url + R"(","bind_dn":")" + env("PORTIER_LDAP_READER_DN") +
          R"(","password_secret":"bind_password","base_dn":")" + env("PORTIER_LDAP_BASE") +
          R"x(","filter":"(|(objectClass=inetOrgPerson)(objectClass=portierContact))","page_size":500,)x"
          R"("timeout_seconds":10,"attributes":{"source_id":"employeeNumber","extension":"telephoneExtension",)"
          R"("building":"roomNumber"})" +
          extra + "}";
}

std::string ldap_url() { return "ldap://127.0.0.1:" + env("PORTIER_LDAP_PORT"); }
std::string ldaps_url() { return "ldaps://127.0.0.1:" + env("PORTIER_LDAPS_PORT"); }

portier::json::Value expected() {
   std::ifstream in(env("PORTIER_LDAP_WORK") + "/expected.json");
   std::stringstream text;
   text << in.rdbuf();
   auto parsed = portier::json::parse(text.str());
   REQUIRE(parsed.ok());
   return parsed.value();
}

std::uint64_t number_of(const portier::json::Value &v, const char *key) { return std::stoull(v.find(key)->text); }

bool contains(const std::string &text, const std::string &part) { return text.find(part) != std::string::npos; }

}  // namespace

TEST_CASE("a paged import over ldap:// brings every entry past the server's limit of 1000") {
   const auto want = expected();
   Rig rig(settings(ldap_url()));
   const portier_directory_event ev = rig.import(1);
   INFO(ev.message);
   REQUIRE(ev.status == PORTIER_OK);
   CHECK(ev.records == number_of(want, "accepted"));
   CHECK(ev.records == 5000);
   CHECK(ev.rejected == number_of(want, "read") - number_of(want, "accepted"));
   // 5,014 entries in pages of 500
   CHECK(contains(rig.host.states().back().second, "last import: 5014 read, 5000 accepted, 14 rejected in 11 pages"));

   std::vector<CopiedReject> rejects;
   portier_error err = PORTIER_ERROR_INIT;
   REQUIRE(rig.source->read_rejects(rig.inst, 1, &collect_reject, &rejects, &err) == PORTIER_OK);
   const auto &listed = want.find("rejects")->items;
   REQUIRE(rejects.size() == listed.size());
   for (std::size_t i = 0; i < rejects.size(); ++i) {
      INFO("reject " << i);
      CHECK(rejects[i].line == number_of(listed[i], "number"));
      CHECK(rejects[i].offset == (rejects[i].line - 1) / 500 + 1);  // the result page it came in
      CHECK(rejects[i].key == listed[i].find("dn")->text);
      CHECK(rejects[i].reason == listed[i].find("reason")->text);
   }

   Collector c;
   REQUIRE(rig.source->read(rig.inst, 1, &collect, &c, &err) == PORTIER_OK);
   CHECK_FALSE(c.null_seen);
   CHECK(c.count == 5000);
   CHECK(c.by_key.size() == 5000);  // every employee number once
   REQUIRE(c.by_key.count("E00012") == 1);
   const Copied &p12 = c.by_key["E00012"];
   CHECK(p12.first == "Anna");
   CHECK(p12.last == "Müller");
   CHECK(p12.display == "Anna Müller");
   CHECK(p12.company == "Example AG");
   CHECK(p12.department == "Dept 12");
   CHECK(p12.location == "Zürich");
   CHECK(p12.building == "R12");
   CHECK(p12.extension == "10012");
   // 12 is a multiple of 4 and of 12: three addresses, the first also in `email`
   CHECK(p12.emails == std::vector<std::string>{"p00012@example.com", "p00012.1@example.com", "p00012.2@example.com"});
   CHECK(p12.email == "p00012@example.com");
   REQUIRE(p12.phones.size() == 2);
   CHECK(p12.phones[0] == std::make_pair(std::int32_t{PORTIER_PHONE_OFFICE}, std::string("+49 89 7000 12")));
   CHECK(p12.phones[1] == std::make_pair(std::int32_t{PORTIER_PHONE_MOBILE}, std::string("+49 171 0000012")));
   const Copied &p7 = c.by_key["E00007"];  // displayName wins over cn
   CHECK(p7.display == "Müller, Иван");
   CHECK(p7.emails.size() == 1);
   CHECK(c.by_key["E00008"].first == "美咲");
   CHECK(c.by_key["E00009"].first == "Nguyễn");
   CHECK(c.by_key["E00016"].first == "Åsa");
   CHECK(c.by_key["E00016"].last == "Lindqvist");
}

TEST_CASE("a wrong password fails the import with the reason and hands over nothing") {
   Rig rig(settings(ldap_url()), "not-the-password");
   const portier_directory_event ev = rig.import(2);
   CHECK(ev.status == PORTIER_ERR_DENIED);
   CHECK(ev.records == 0);
   CHECK(contains(ev.message, "bind failed: invalid credentials"));
   CHECK(rig.host.states().back().first == PORTIER_STATE_LIMITED);
   Collector c;
   portier_error err = PORTIER_ERROR_INIT;
   CHECK(rig.source->read(rig.inst, 2, &collect, &c, &err) == PORTIER_ERR_NOT_FOUND);
   CHECK(c.count == 0);
}

TEST_CASE("a size limit the server enforces fails the whole run, not a partial import") {
   Rig rig(settings(ldap_url(), R"(,"size_limit":1200)"));
   const portier_directory_event ev = rig.import(3);
   CHECK(ev.status == PORTIER_ERR_INVALID);
   CHECK(contains(ev.message, "size limit exceeded (size_limit 1200)"));
   Collector c;
   portier_error err = PORTIER_ERROR_INIT;
   CHECK(rig.source->read(rig.inst, 3, &collect, &c, &err) == PORTIER_ERR_NOT_FOUND);
}

TEST_CASE("a server that does not answer fails the import as unreachable") {
   Rig rig(settings("ldap://127.0.0.1:" + env("PORTIER_LDAP_CLOSED_PORT")));
   const portier_directory_event ev = rig.import(4);
   CHECK(ev.status == PORTIER_ERR_UNAVAILABLE);
   CHECK(contains(ev.message, ": bind failed: server unreachable (Can't contact LDAP server)"));
}

TEST_CASE("LDAPS verified against the test CA imports everything") {
   Rig rig(settings(ldaps_url(), R"(,"tls":{"ca_file":")" + env("PORTIER_LDAP_CA") + R"("})"));
   const portier_directory_event ev = rig.import(5);
   INFO(ev.message);
   CHECK(ev.status == PORTIER_OK);
   CHECK(ev.records == 5000);
}

TEST_CASE("LDAPS without the CA that signed the server's certificate fails verification") {
   // a CA of its own that signed nothing here; naming it keeps the system's CAs out of the test
   const std::string other_ca = env("PORTIER_LDAP_WORK") + "/other-ca.pem";
   Rig rig(settings(ldaps_url(), R"(,"tls":{"ca_file":")" + other_ca + R"("})"));
   const portier_directory_event ev = rig.import(6);
   INFO(ev.message);
   CHECK(ev.status == PORTIER_ERR_UNAVAILABLE);
   CHECK(contains(ev.message, ldaps_url() + ": bind failed: server unreachable or TLS handshake failed"));
}

TEST_CASE("StartTLS on ldap:// verified against the test CA imports everything") {
   Rig rig(settings(ldap_url(), R"(,"start_tls":true,"tls":{"ca_file":")" + env("PORTIER_LDAP_CA") + R"("})"));
   const portier_directory_event ev = rig.import(7);
   INFO(ev.message);
   CHECK(ev.status == PORTIER_OK);
   CHECK(ev.records == 5000);
}
