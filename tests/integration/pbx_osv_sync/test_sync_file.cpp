// SPDX-License-Identifier: GPL-3.0-or-later
// pbx.osv's extension sync from a local export file.
#include <unistd.h>

#include <cstdlib>
#include <string>

#include <catch2/catch.hpp>

#include "sync_rig.h"

using synctest::osv_settings;
using synctest::SyncRig;

namespace {

std::string file_sync(const std::string &path) { return R"({"file":")" + path + "\"}"; }
const std::string kExport = std::string(MP2_FIXTURES) + "/export_all.txt";

}  // namespace

TEST_CASE("an export file at the configured path reaches the sink with every field") {
   SyncRig rig(osv_settings(file_sync(kExport)));
   REQUIRE(rig.sync != nullptr);
   const auto ready = rig.fetch_and_wait(41);
   CHECK(ready.status == PORTIER_OK);
   CHECK(std::string(ready.message).empty());
   portier_status status = PORTIER_ERR_INTERNAL;
   const auto list = rig.read(41, status);
   CHECK(status == PORTIER_OK);
   REQUIRE(list.size() == 4);
   CHECK(list[0].number == "4930555510");
   CHECK(list[0].e164 == "+4930555510");
   CHECK(list[0].display_name == "Muster, Anna");
   CHECK(list[0].first_name == "Anna");
   CHECK(list[0].last_name == "Muster");
   CHECK(list[0].department.empty());
   CHECK(list[0].email.empty());
   CHECK(list[2].display_name == "Reception");
   CHECK(list[3].number == "7001");
   CHECK(list[3].e164.empty());
   CHECK(rig.host.logged("4 extensions from " + kExport));
}

TEST_CASE("read hands a fetched list over once and then forgets it") {
   SyncRig rig(osv_settings(file_sync(kExport)));
   REQUIRE(rig.fetch_and_wait(7).status == PORTIER_OK);
   portier_status status = PORTIER_ERR_INTERNAL;
   CHECK(rig.read(7, status).size() == 4);
   CHECK(status == PORTIER_OK);
   CHECK(rig.read(7, status).empty());
   CHECK(status == PORTIER_ERR_NOT_FOUND);
   CHECK(rig.read(8, status).empty());
   CHECK(status == PORTIER_ERR_NOT_FOUND);
}

TEST_CASE("a sink that returns false stops the iteration") {
   SyncRig rig(osv_settings(file_sync(kExport)));
   REQUIRE(rig.fetch_and_wait(3).status == PORTIER_OK);
   int calls = 0;
   portier_error err = PORTIER_ERROR_INIT;
   auto stop_at_two = [](void *user, const portier_pbx_extension *) -> bool { return ++*static_cast<int *>(user) < 2; };
   CHECK(rig.sync->read(rig.inst, 3, stop_at_two, &calls, &err) == PORTIER_OK);
   CHECK(calls == 2);
}

TEST_CASE("a missing export file fails the fetch with NOT_FOUND and leaves nothing to read") {
   SyncRig rig(osv_settings(file_sync("/nonexistent/portier/export_all.txt")));
   const auto ready = rig.fetch_and_wait(5);
   CHECK(ready.status == PORTIER_ERR_NOT_FOUND);
   CHECK(std::string(ready.message).find("cannot open /nonexistent/portier/export_all.txt") == 0);
   portier_status status = PORTIER_OK;
   CHECK(rig.read(5, status).empty());
   CHECK(status == PORTIER_ERR_NOT_FOUND);
}

TEST_CASE("an export cut short fails the fetch with the line in the message") {
   SyncRig rig(osv_settings(file_sync(std::string(MP2_FIXTURES) + "/truncated.txt")));
   const auto ready = rig.fetch_and_wait(6);
   CHECK(ready.status == PORTIER_ERR_INVALID);
   CHECK(std::string(ready.message).find("MP2 line 8: the file ends inside record CS_SIP") == 0);
}

TEST_CASE("an export larger than max_bytes fails the fetch") {
   char path[] = "/tmp/portier-mp2-XXXXXX";
   const int fd = ::mkstemp(path);
   REQUIRE(fd >= 0);
   const std::string big = "FILE VERSION:1:MP2\n" + std::string(2000, '\n');
   REQUIRE(::write(fd, big.data(), big.size()) == static_cast<ssize_t>(big.size()));
   ::close(fd);
   struct Remove {
      const char *path;
      ~Remove() { ::unlink(path); }
   } remove{path};
   SyncRig rig(osv_settings(R"({"file":")" + std::string(path) + R"(","max_bytes":1024})"));
   const auto ready = rig.fetch_and_wait(9);
   CHECK(ready.status == PORTIER_ERR_INVALID);
   CHECK(std::string(ready.message).find("is larger than max_bytes") != std::string::npos);
}

TEST_CASE("without sync settings the plugin offers no sync interface") {
   SyncRig rig(R"({"host":"127.0.0.1","port":9,"reconnect_min_ms":60000,"reconnect_max_ms":60000})");
   CHECK(rig.sync == nullptr);
}

TEST_CASE("bad sync settings are refused at validate with the key path") {
   CHECK(synctest::validate(osv_settings(R"({"flie":"/x"})")) ==
         "settings.sync: give 'file' or 'sftp'; settings.sync: unknown key 'flie' (did you mean 'file'?)");
   CHECK(synctest::validate(osv_settings(R"({"sftp":{"host":"osv","remote_path":"/x","password":"p"}})")) ==
         "settings.sync.sftp: give 'known_hosts' or 'host_fingerprint': the host key is always checked");
   CHECK(synctest::validate(osv_settings(R"({"file":"/x"})")).empty());
}

TEST_CASE("fetch refuses correlation 0") {
   SyncRig rig(osv_settings(file_sync(kExport)));
   portier_error err = PORTIER_ERROR_INIT;
   CHECK(rig.sync->fetch(rig.inst, 0, &err) == PORTIER_ERR_INVALID);
}
