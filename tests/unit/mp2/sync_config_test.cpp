// SPDX-License-Identifier: GPL-3.0-or-later
#include <string>

#include <catch2/catch.hpp>

#include <portier/settings.hpp>

#include "sync_config.h"

using portier::osv::read_sync_config;
using portier::osv::SyncConfig;

namespace {

constexpr const char *kFingerprint = "SHA256:JgR3OrqH4qsqnO2cn1i48Klp4TiZYNlpCQKp867733g";

struct Read {
   SyncConfig config;
   std::string message;  // "" when the settings were accepted
};

Read read(const std::string &json) {
   portier::Settings s(json);
   Read r;
   r.config = read_sync_config(s);
   if (auto checked = s.finish(); !checked.ok()) r.message = checked.message();
   return r;
}

std::string sftp(const std::string &members) {
   return R"({"sync":{"sftp":{"host":"osv.example.net","remote_path":"/export/export_all.txt",)" + members + "}}}";
}

}  // namespace

TEST_CASE("without a sync key there is no extension sync") {
   const Read r = read("{}");
   CHECK(r.message.empty());
   CHECK_FALSE(r.config.enabled());
}

TEST_CASE("a file source is read with its path") {
   const Read r = read(R"({"sync":{"file":"/var/lib/portier/export_all.txt","max_bytes":2048}})");
   CHECK(r.message.empty());
   CHECK(r.config.source == SyncConfig::Source::file);
   CHECK(r.config.file == "/var/lib/portier/export_all.txt");
   CHECK(r.config.max_bytes == 2048);
}

TEST_CASE("an sftp source takes its defaults: port 22, user osccesync, 30 s") {
   const Read r = read(sftp(R"("key_file":"/etc/portier/osv_key","known_hosts":"/etc/portier/kh")"));
   INFO(r.message);
   CHECK(r.message.empty());
   CHECK(r.config.source == SyncConfig::Source::sftp);
   CHECK(r.config.sftp.host == "osv.example.net");
   CHECK(r.config.sftp.port == 22);
   CHECK(r.config.sftp.user == "osccesync");
   CHECK(r.config.sftp.timeout_ms == 30000);
   CHECK(r.config.sftp.key_file == "/etc/portier/osv_key");
}

TEST_CASE("a password and a pinned fingerprint are accepted instead of a key and known_hosts") {
   const Read r = read(sftp(R"("password":"s3cret","host_fingerprint":")" + std::string(kFingerprint) + "\""));
   INFO(r.message);
   CHECK(r.message.empty());
   CHECK(r.config.sftp.password == "s3cret");
   CHECK(r.config.sftp.host_fingerprint == kFingerprint);
}

TEST_CASE("a misspelled sftp key is reported with its path and the key it most likely meant") {
   const Read r = read(sftp(R"("key_file":"/k","known_hosts":"/kh","prot":2222)"));
   CHECK(r.message.find("settings.sync.sftp: unknown key 'prot' (did you mean 'port'?)") != std::string::npos);
}

TEST_CASE("an out-of-range port is reported under settings.sync.sftp.port") {
   const Read r = read(sftp(R"("key_file":"/k","known_hosts":"/kh","port":70000)"));
   CHECK(r.message == "settings.sync.sftp.port: expected an integer in 1..65535");
}

TEST_CASE("an sftp source without a host key check is refused") {
   const Read r = read(sftp(R"("key_file":"/k")"));
   CHECK(r.message ==
         "settings.sync.sftp: give 'known_hosts' or 'host_fingerprint': the host key is always checked");
}

TEST_CASE("an sftp source takes key_file or password but not both") {
   CHECK(read(sftp(R"("known_hosts":"/kh")")).message.empty());  // the password then is a secret
   CHECK(read(sftp(R"("known_hosts":"/kh","key_file":"/k","password":"p")")).message ==
         "settings.sync.sftp: give either 'key_file' or 'password', not both");
}

TEST_CASE("an sftp source without host or remote_path names the missing key") {
   const Read r = read(R"({"sync":{"sftp":{"key_file":"/k","known_hosts":"/kh"}}})");
   CHECK(r.message == "settings.sync.sftp.host: is required; settings.sync.sftp.remote_path: is required");
}

TEST_CASE("a malformed host fingerprint is refused") {
   const Read r = read(sftp(R"("password":"p","host_fingerprint":"MD5:aa:bb")"));
   CHECK(r.message.find("settings.sync.sftp.host_fingerprint: expected 'SHA256:'") == 0);
}

TEST_CASE("relative paths are refused") {
   CHECK(read(R"({"sync":{"file":"export_all.txt"}})").message == "settings.sync.file: must be an absolute path");
   CHECK(read(sftp(R"("key_file":"id_rsa","known_hosts":"/kh")")).message ==
         "settings.sync.sftp.key_file: must be an absolute path");
}

TEST_CASE("sync needs exactly one source") {
   CHECK(read(R"({"sync":{}})").message == "settings.sync: give 'file' or 'sftp'");
   CHECK(read(R"({"sync":{"file":"/a","sftp":{"host":"h","remote_path":"/r","password":"p","known_hosts":"/k"}}})")
             .message == "settings.sync: give either 'file' or 'sftp', not both");
   CHECK(read(R"({"sync":"/a"})").message == "settings.sync: expected an object, got a string");
}
