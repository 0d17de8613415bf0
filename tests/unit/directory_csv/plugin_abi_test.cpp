// SPDX-License-Identifier: GPL-3.0-or-later
// directory.csv through its C ABI: the built plugin loaded with dlopen, a fake host, real files.
#include <dlfcn.h>

#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include <portier/portier.h>

#include "directory_host.h"
#include "temp_dir.h"

namespace {

struct Copied {
   std::string key, display, first, last, company, email;
   std::vector<std::pair<std::int32_t, std::string>> phones;
   std::string building, cost_centre, notes, extension;
   std::vector<std::string> emails;
};

struct Collector {
   std::vector<Copied> records;
   std::size_t stop_after = 0;  // 0: take all
   bool null_seen = false;
};

bool PORTIER_ABI collect(void *user, const portier_directory_record *rec) {
   auto &c = *static_cast<Collector *>(user);
   const char *strings[] = {rec->source_key, rec->display_name, rec->first_name, rec->last_name, rec->company,
                            rec->department, rec->location, rec->email, rec->sip_uri};
   for (const char *s : strings) c.null_seen = c.null_seen || s == nullptr;
   Copied copy{rec->source_key, rec->display_name, rec->first_name, rec->last_name, rec->company, rec->email, {}, {}, {}, {}, {}, {}};
   for (std::uint32_t i = 0; i < rec->phone_count; ++i) copy.phones.emplace_back(rec->phones[i].type, rec->phones[i].number);
   // the fields appended after 1.0, read the way an engine must: only when the record has them
   if (PORTIER_HAS(rec, portier_directory_record, emails)) {
      const char *more[] = {rec->building, rec->cost_centre, rec->notes, rec->extension};
      for (const char *s : more) c.null_seen = c.null_seen || s == nullptr;
      copy.building = rec->building;
      copy.cost_centre = rec->cost_centre;
      copy.notes = rec->notes;
      copy.extension = rec->extension;
      c.null_seen = c.null_seen || (rec->email_count > 0 && rec->emails == nullptr);
      for (std::uint32_t i = 0; i < rec->email_count; ++i) copy.emails.emplace_back(rec->emails[i]);
   }
   c.records.push_back(std::move(copy));
   return c.stop_after == 0 || c.records.size() < c.stop_after;
}

struct CopiedReject {
   std::uint32_t line;
   std::uint64_t offset;
   std::string key, reason;
};

struct RejectCollector {
   std::vector<CopiedReject> rejects;
   bool null_seen = false;
};

bool PORTIER_ABI collect_reject(void *user, const portier_directory_reject *rej) {
   auto &c = *static_cast<RejectCollector *>(user);
   c.null_seen = c.null_seen || rej->source_key == nullptr || rej->reason == nullptr;
   c.rejects.push_back(CopiedReject{rej->line, rej->offset, rej->source_key, rej->reason});
   return true;
}

// The plugin loaded, created and started with `settings`.
class Rig {
public:
   explicit Rig(const std::string &settings) {
      library_ = dlopen(DIRECTORY_CSV_PLUGIN, RTLD_NOW | RTLD_LOCAL);
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

   // Runs one import to its READY event.
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

std::string settings_for(const std::string &path, const std::string &extra = "") {
   return R"({"path":")" + path +
          R"(","columns":{"source_id":"ID","given":"Vorname","family":"Nachname","company":"Firma",)"
          R"("email":"Mail","phones":[{"column":"Telefon","type":"office"},{"column":"Mobil","type":"mobile"}]})" +
          extra + "}";
}

const char kFile[] =
    "ID;Vorname;Nachname;Firma;Mail;Telefon;Mobil\r\n"
    "1;J\xFCrgen;M\xFCller;ACME;jm@example.com;+49 89 700;0171 1\r\n"
    "2;Ann;Ek;;;;\r\n"
    "2;Dup;Licate;;;;\r\n"
    "3;Bo;Ny;ACME\r\n";

}  // namespace

TEST_CASE("an import posts READY with counts and read hands every accepted record to the sink") {
   test::TempDir dir;
   const std::string path = dir.write("contacts.csv", kFile);
   Rig rig(settings_for(path, R"(,"delimiter":";")"));
   const portier_directory_event ev = rig.import(42);
   CHECK(ev.status == PORTIER_OK);
   CHECK(ev.records == 2);
   CHECK(ev.rejected == 2);
   CHECK(std::string(ev.message).empty());
   CHECK(ev.header.space == PORTIER_SPACE_DIRECTORY);

   Collector c;
   portier_error err = PORTIER_ERROR_INIT;
   REQUIRE(rig.source->read(rig.inst, 42, &collect, &c, &err) == PORTIER_OK);
   CHECK_FALSE(c.null_seen);
   REQUIRE(c.records.size() == 2);
   CHECK(c.records[0].key == "1");
   CHECK(c.records[0].first == "Jürgen");  // Latin-1 detected, handed over as UTF-8
   CHECK(c.records[0].last == "Müller");
   CHECK(c.records[0].display == "Jürgen Müller");
   CHECK(c.records[0].company == "ACME");
   CHECK(c.records[0].email == "jm@example.com");
   REQUIRE(c.records[0].phones.size() == 2);
   CHECK(c.records[0].phones[0] == std::make_pair(std::int32_t{PORTIER_PHONE_OFFICE}, std::string("+49 89 700")));
   CHECK(c.records[0].phones[1] == std::make_pair(std::int32_t{PORTIER_PHONE_MOBILE}, std::string("0171 1")));
   CHECK(c.records[1].key == "2");
   CHECK(c.records[1].phones.empty());

   // read forgets the import
   CHECK(rig.source->read(rig.inst, 42, &collect, &c, &err) == PORTIER_ERR_NOT_FOUND);
}

TEST_CASE("rejected rows are logged with line, byte offset and reason, and the status shows the run") {
   test::TempDir dir;
   const std::string path = dir.write("contacts.csv", kFile);
   Rig rig(settings_for(path, R"(,"delimiter":";")"));
   rig.host.clock_us = 65'000'000;
   (void)rig.import(1);
   const auto logs = rig.host.logs();
   const auto has = [&](const std::string &line) {
      for (const auto &l : logs) {
         if (l == line) return true;
      }
      return false;
   };
   CHECK(has("2 " + path + ": rejected line 4 (byte 115): duplicate source id '2' (first on line 3)"));
   CHECK(has("2 " + path + ": rejected line 5 (byte 133): wrong number of fields: 4, expected 7 as in the header"));
   CHECK(has("1 import 1 of " + path + ": 4 read, 2 accepted, 2 rejected"));
   const auto states = rig.host.states();
   REQUIRE(states.size() == 2);
   CHECK(states[0] == std::make_pair(std::int32_t{PORTIER_STATE_RUNNING}, std::string("no import yet")));
   CHECK(states[1] == std::make_pair(std::int32_t{PORTIER_STATE_RUNNING},
                                     std::string("last import: 4 read, 2 accepted, 2 rejected (latin-1) in 0.0 s at host "
                                                 "clock 65.0 s")));
}

TEST_CASE("read_rejects hands every rejected row with line, byte offset, source id and reason") {
   test::TempDir dir;
   const std::string path = dir.write("contacts.csv", kFile);
   Rig rig(settings_for(path, R"(,"delimiter":";")"));
   REQUIRE(PORTIER_HAS(rig.source, portier_directory_source_v1, read_rejects));
   REQUIRE(rig.source->read_rejects != nullptr);
   const portier_directory_event ev = rig.import(11);
   REQUIRE(ev.rejected == 2);
   RejectCollector r;
   portier_error err = PORTIER_ERROR_INIT;
   REQUIRE(rig.source->read_rejects(rig.inst, 11, &collect_reject, &r, &err) == PORTIER_OK);
   CHECK_FALSE(r.null_seen);
   REQUIRE(r.rejects.size() == 2);
   CHECK(r.rejects[0].line == 4);
   CHECK(r.rejects[0].offset == 115);
   CHECK(r.rejects[0].key == "2");
   CHECK(r.rejects[0].reason == "duplicate source id '2' (first on line 3)");
   CHECK(r.rejects[1].line == 5);
   CHECK(r.rejects[1].offset == 133);
   CHECK(r.rejects[1].key == "3");
   CHECK(r.rejects[1].reason == "wrong number of fields: 4, expected 7 as in the header");
   // the rejects stay until read(), which still hands the records and then forgets the import
   Collector c;
   REQUIRE(rig.source->read(rig.inst, 11, &collect, &c, &err) == PORTIER_OK);
   CHECK(c.records.size() == 2);
   CHECK(rig.source->read_rejects(rig.inst, 11, &collect_reject, &r, &err) == PORTIER_ERR_NOT_FOUND);
}

TEST_CASE("building, cost centre, notes, extension and every e-mail arrive in the record") {
   test::TempDir dir;
   const std::string path = dir.write("full.csv",
                                      "ID,Vorname,Nachname,Haus,KST,Notiz,Nst,Mail,Mail 2,Mail 3\n"
                                      "7,Åsa,Lindqvist,B 4,4711,Mo-Fr,3107,asa@example.com,al@example.org,\n"
                                      "8,Ken,Ito,,,,,,,\n");
   Rig rig(R"({"path":")" + path +
           R"(","columns":{"source_id":"ID","given":"Vorname","family":"Nachname","building":"Haus",)"
           R"("cost_centre":"KST","notes":"Notiz","extension":"Nst","email":["Mail","Mail 2","Mail 3"]}})");
   const portier_directory_event ev = rig.import(12);
   REQUIRE(ev.records == 2);
   Collector c;
   portier_error err = PORTIER_ERROR_INIT;
   REQUIRE(rig.source->read(rig.inst, 12, &collect, &c, &err) == PORTIER_OK);
   CHECK_FALSE(c.null_seen);
   REQUIRE(c.records.size() == 2);
   CHECK(c.records[0].building == "B 4");
   CHECK(c.records[0].cost_centre == "4711");
   CHECK(c.records[0].notes == "Mo-Fr");
   CHECK(c.records[0].extension == "3107");
   CHECK(c.records[0].email == "asa@example.com");
   // an empty third column adds no address
   CHECK(c.records[0].emails == std::vector<std::string>{"asa@example.com", "al@example.org"});
   CHECK(c.records[1].building.empty());
   CHECK(c.records[1].extension.empty());
   CHECK(c.records[1].emails.empty());
}

TEST_CASE("a missing file gives a failed READY with the message and read finds nothing") {
   test::TempDir dir;
   const std::string path = (dir.path() / "gone.csv").string();
   Rig rig(settings_for(path));
   const portier_directory_event ev = rig.import(7);
   CHECK(ev.status == PORTIER_ERR_NOT_FOUND);
   CHECK(ev.records == 0);
   const std::string expected = "cannot open " + path + ": No such file or directory";
   CHECK(std::string(ev.message) == expected.substr(0, sizeof ev.message - 1));
   CHECK(rig.host.states().back().first == PORTIER_STATE_LIMITED);
   Collector c;
   portier_error err = PORTIER_ERROR_INIT;
   CHECK(rig.source->read(rig.inst, 7, &collect, &c, &err) == PORTIER_ERR_NOT_FOUND);
}

TEST_CASE("read and read_rejects of an import that is not the kept one are refused and keep it") {
   test::TempDir dir;
   const std::string path = dir.write("contacts.csv", kFile);
   Rig rig(settings_for(path, R"(,"delimiter":";")"));
   (void)rig.import(20);
   (void)rig.import(21);  // a new import drops the unread import 20
   Collector c;
   RejectCollector r;
   portier_error err = PORTIER_ERROR_INIT;
   CHECK(rig.source->read(rig.inst, 20, &collect, &c, &err) == PORTIER_ERR_NOT_FOUND);
   CHECK(std::string(err.message) == "read: no finished import 20 (unknown, failed or already read)");
   CHECK(rig.source->read_rejects(rig.inst, 20, &collect_reject, &r, &err) == PORTIER_ERR_NOT_FOUND);
   CHECK(std::string(err.message) == "read_rejects: no finished import 20 (unknown, failed or already read)");
   CHECK(rig.source->read(rig.inst, 21, nullptr, &c, &err) == PORTIER_ERR_INVALID);
   CHECK(rig.source->read(nullptr, 21, &collect, &c, &err) == PORTIER_ERR_INVALID);
   CHECK(std::string(err.message) == "read: instance is NULL");
   CHECK(c.records.empty());
   CHECK(r.rejects.empty());
   // none of the refused calls took the kept import
   REQUIRE(rig.source->read(rig.inst, 21, &collect, &c, &err) == PORTIER_OK);
   CHECK(c.records.size() == 2);
}

TEST_CASE("an unclosed quote fails the READY and imports nothing") {
   test::TempDir dir;
   const std::string path = dir.write("c.csv", "ID,Vorname,Nachname,Firma,Mail,Telefon,Mobil\n1,\"a,b,c,d,e,f\n");
   Rig rig(settings_for(path));
   const portier_directory_event ev = rig.import(3);
   CHECK(ev.status == PORTIER_ERR_INVALID);
   CHECK(std::string(ev.message).find("never closes") != std::string::npos);
}

TEST_CASE("a second begin_import while one runs is BUSY, and the sink can stop early") {
   test::TempDir dir;
   std::string big = "ID,Vorname,Nachname,Firma,Mail,Telefon,Mobil\n";
   for (int i = 0; i < 50000; ++i) big += std::to_string(i) + ",G,F,C,m@x,1,2\n";
   const std::string path = dir.write("big.csv", big);
   Rig rig(settings_for(path));
   portier_error err = PORTIER_ERROR_INIT;
   REQUIRE(rig.source->begin_import(rig.inst, 1, &err) == PORTIER_PENDING);
   const portier_status second = rig.source->begin_import(rig.inst, 2, &err);
   portier_directory_event ev{};
   REQUIRE(rig.host.wait_ready(1, ev));
   // the second call either met the running import or came after it finished
   CHECK((second == PORTIER_ERR_BUSY || second == PORTIER_PENDING));
   if (second == PORTIER_PENDING) REQUIRE(rig.host.wait_ready(2, ev));
   CHECK(ev.records == 50000);
   Collector c;
   c.stop_after = 10;
   REQUIRE(rig.source->read(rig.inst, ev.header.correlation, &collect, &c, &err) == PORTIER_OK);
   CHECK(c.records.size() == 10);
}

TEST_CASE("READY is retried while the engine queue is full") {
   test::TempDir dir;
   const std::string path = dir.write("contacts.csv", kFile);
   Rig rig(settings_for(path, R"(,"delimiter":";")"));
   rig.host.busy_posts = 3;
   const portier_directory_event ev = rig.import(9);
   CHECK(ev.records == 2);
   CHECK(rig.host.busy_posts == 0);
}

TEST_CASE("stop during an import joins the reader without posting") {
   test::TempDir dir;
   std::string big = "ID,Vorname,Nachname,Firma,Mail,Telefon,Mobil\n";
   for (int i = 0; i < 200000; ++i) big += std::to_string(i) + ",G,F,C,m@x,1,2\n";
   const std::string path = dir.write("big.csv", big);
   auto rig = std::make_unique<Rig>(settings_for(path));
   portier_error err = PORTIER_ERROR_INIT;
   REQUIRE(rig->source->begin_import(rig->inst, 5, &err) == PORTIER_PENDING);
   rig.reset();  // stop + destroy while reading: must return and leave no thread behind
   SUCCEED("stopped");
}

TEST_CASE("settings problems are refused by validate_config with the key named") {
   void *lib = dlopen(DIRECTORY_CSV_PLUGIN, RTLD_NOW | RTLD_LOCAL);
   REQUIRE(lib != nullptr);
   auto entry = reinterpret_cast<portier_plugin_entry_fn>(dlsym(lib, PORTIER_ENTRY_SYMBOL));
   const portier_plugin *p = entry(PORTIER_ABI_MAJOR);
   CHECK(std::string(p->id) == "directory.csv");
   CHECK(std::string(p->kind) == PORTIER_KIND_DIRECTORY);
   portier_error err = PORTIER_ERROR_INIT;
   const std::string json = R"({"path":"/a.csv","columns":{"source_id":"ID","famly":"N"}})";
   CHECK(p->validate_config({json.data(), json.size()}, &err) == PORTIER_ERR_CONFIG);
   CHECK(std::string(err.message) == "settings.columns: unknown key 'famly' (did you mean 'family'?)");
   // the core's directory section owns schedules now; the plugin refuses the old key
   const std::string old = R"({"path":"/a.csv","columns":{"source_id":"ID"},"schedule":"manual"})";
   CHECK(p->validate_config({old.data(), old.size()}, &err) == PORTIER_ERR_CONFIG);
   CHECK(std::string(err.message).find("unknown key 'schedule'") != std::string::npos);
   dlclose(lib);
}
