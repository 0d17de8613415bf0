// SPDX-License-Identifier: GPL-3.0-or-later
// pbx.osv's extension sync over SFTP against a real OpenSSH server on 127.0.0.1.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <thread>

#include <catch2/catch.hpp>

#include "ssh_server.h"
#include "sync_rig.h"

using synctest::osv_settings;
using synctest::SshServer;
using synctest::SyncRig;

namespace {

std::string fixture(const std::string &name) {
   std::ifstream in(std::string(MP2_FIXTURES) + "/" + name, std::ios::binary);
   return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

// The sftp settings for `server`; `extra` adds or overrides members (a leading comma each).
std::string sftp_sync(const SshServer &server, const std::string &remote_path, const std::string &host_check,
                      const std::string &extra = "") {
   return R"({"sftp":{"host":"127.0.0.1","port":)" + std::to_string(server.port()) + R"(,"user":")" + server.user() +
          R"(","key_file":")" + server.client_key() + R"(","remote_path":")" + remote_path + R"(",)" + host_check +
          R"(,"timeout_ms":10000)" + extra + "}}";
}

std::string known_hosts(const std::string &path) { return R"("known_hosts":")" + path + "\""; }

#define REQUIRE_SSHD()                                                                        \
   if (!SshServer::available()) {                                                             \
      WARN("skipped: /usr/sbin/sshd or ssh-keygen is not installed (Debian: openssh-server)"); \
      return;                                                                                 \
   }

std::size_t open_descriptors() {
   std::size_t n = 0;
   for ([[maybe_unused]] const auto &entry : std::filesystem::directory_iterator("/proc/self/fd")) ++n;
   return n;
}

// A TCP listener that accepts connections and never says a word, like a hung SSH server.
class SilentServer {
public:
   SilentServer() {
      fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
      REQUIRE(fd_ >= 0);
      sockaddr_in a{};
      a.sin_family = AF_INET;
      a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
      REQUIRE(::bind(fd_, reinterpret_cast<sockaddr *>(&a), sizeof a) == 0);
      REQUIRE(::listen(fd_, 4) == 0);
      socklen_t len = sizeof a;
      REQUIRE(::getsockname(fd_, reinterpret_cast<sockaddr *>(&a), &len) == 0);
      port_ = ntohs(a.sin_port);
   }
   ~SilentServer() { ::close(fd_); }
   int port() const { return port_; }

private:
   int fd_ = -1;
   int port_ = 0;
};

}  // namespace

TEST_CASE("an export fetched over SFTP reaches the sink with every field") {
   REQUIRE_SSHD();
   SshServer server;
   const std::string remote = server.write("export_all.txt", fixture("export_all.txt"));
   SyncRig rig(osv_settings(sftp_sync(server, remote, known_hosts(server.known_hosts()))));
   REQUIRE(rig.sync != nullptr);
   const auto ready = rig.fetch_and_wait(1001);
   INFO(ready.message);
   REQUIRE(ready.status == PORTIER_OK);
   portier_status status = PORTIER_ERR_INTERNAL;
   const auto list = rig.read(1001, status);
   CHECK(status == PORTIER_OK);
   REQUIRE(list.size() == 4);
   CHECK(list[0].number == "4930555510");
   CHECK(list[0].e164 == "+4930555510");
   CHECK(list[0].display_name == "Muster, Anna");
   CHECK(list[0].first_name == "Anna");
   CHECK(list[0].last_name == "Muster");
   CHECK(list[1].number == "4930555511");
   CHECK(list[1].first_name == "Bernd \"Bob\"");
   CHECK(list[1].last_name == "Beispiel");
   CHECK(list[2].number == "4930555599");
   CHECK(list[2].display_name == "Reception");
   CHECK(list[3].number == "7001");
   CHECK(list[3].e164.empty());
}

TEST_CASE("a Latin-1 export fetched over SFTP arrives as UTF-8") {
   REQUIRE_SSHD();
   SshServer server;
   const std::string remote = server.write("export_all.txt", fixture("latin1.txt"));
   SyncRig rig(osv_settings(sftp_sync(server, remote, known_hosts(server.known_hosts()))));
   REQUIRE(rig.fetch_and_wait(1002).status == PORTIER_OK);
   portier_status status = PORTIER_ERR_INTERNAL;
   const auto list = rig.read(1002, status);
   REQUIRE(list.size() == 2);
   CHECK(list[0].last_name == "M\xC3\xBCller");
   CHECK(list[1].last_name == "Strau\xC3\x9F");
}

TEST_CASE("a pinned host fingerprint of the server's key lets the fetch through") {
   REQUIRE_SSHD();
   SshServer server;
   const std::string remote = server.write("export_all.txt", fixture("crlf.txt"));
   SyncRig rig(osv_settings(sftp_sync(server, remote, R"("host_fingerprint":")" + server.fingerprint() + "\"")));
   const auto ready = rig.fetch_and_wait(1003);
   INFO(ready.message);
   REQUIRE(ready.status == PORTIER_OK);
   portier_status status = PORTIER_ERR_INTERNAL;
   CHECK(rig.read(1003, status).size() == 2);
}

TEST_CASE("a host key that does not match known_hosts fails the fetch before authenticating") {
   REQUIRE_SSHD();
   SshServer server;
   const std::string remote = server.write("export_all.txt", fixture("export_all.txt"));
   SyncRig rig(osv_settings(sftp_sync(server, remote, known_hosts(server.wrong_known_hosts()))));
   const auto ready = rig.fetch_and_wait(1004);
   CHECK(ready.status == PORTIER_ERR_DENIED);
   CHECK(std::string(ready.message).find("host key does not match") == 0);
   CHECK(rig.host.logged("not sending credentials"));
   portier_status status = PORTIER_OK;
   CHECK(rig.read(1004, status).empty());
   CHECK(status == PORTIER_ERR_NOT_FOUND);
}

TEST_CASE("a host missing from known_hosts fails the fetch") {
   REQUIRE_SSHD();
   SshServer server;
   const std::string remote = server.write("export_all.txt", fixture("export_all.txt"));
   const std::string empty = server.write("empty_known_hosts", "");
   SyncRig rig(osv_settings(sftp_sync(server, remote, known_hosts(empty))));
   const auto ready = rig.fetch_and_wait(1005);
   CHECK(ready.status == PORTIER_ERR_DENIED);
   CHECK(std::string(ready.message).find("host is not in " + empty) == 0);
}

TEST_CASE("a wrong pinned fingerprint fails the fetch") {
   REQUIRE_SSHD();
   SshServer server;
   const std::string remote = server.write("export_all.txt", fixture("export_all.txt"));
   const std::string other = "SHA256:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";
   SyncRig rig(osv_settings(sftp_sync(server, remote, R"("host_fingerprint":")" + other + "\"")));
   const auto ready = rig.fetch_and_wait(1006);
   CHECK(ready.status == PORTIER_ERR_DENIED);
   CHECK(std::string(ready.message).find("host key " + server.fingerprint() + " is not the pinned") == 0);
}

TEST_CASE("a missing remote file fails the fetch with NOT_FOUND") {
   REQUIRE_SSHD();
   SshServer server;
   const std::string remote = server.dir() + "/no_such_export.txt";
   SyncRig rig(osv_settings(sftp_sync(server, remote, known_hosts(server.known_hosts()))));
   const auto ready = rig.fetch_and_wait(1007);
   CHECK(ready.status == PORTIER_ERR_NOT_FOUND);
   CHECK(std::string(ready.message).find("no file " + remote) == 0);
}

TEST_CASE("a key the server does not accept fails the fetch as denied") {
   REQUIRE_SSHD();
   SshServer server;
   const std::string remote = server.write("export_all.txt", fixture("export_all.txt"));
   server.write("authorized_keys", "");
   SyncRig rig(osv_settings(sftp_sync(server, remote, known_hosts(server.known_hosts()))));
   const auto ready = rig.fetch_and_wait(1008);
   CHECK(ready.status == PORTIER_ERR_DENIED);
   CHECK(std::string(ready.message).find("user " + server.user() + " was refused") == 0);
}

TEST_CASE("a remote export larger than max_bytes fails the fetch") {
   REQUIRE_SSHD();
   SshServer server;
   const std::string remote = server.write("export_all.txt", fixture("export_all.txt") + std::string(2000, '\n'));
   const std::string settings = osv_settings(
       R"({"max_bytes":1024,)" + sftp_sync(server, remote, known_hosts(server.known_hosts())).substr(1));
   SyncRig rig(settings);
   const auto ready = rig.fetch_and_wait(1009);
   CHECK(ready.status == PORTIER_ERR_INVALID);
   CHECK(std::string(ready.message).find("is larger than max_bytes") != std::string::npos);
}

TEST_CASE("a server that never answers times the fetch out") {
   SilentServer silent;
   const std::string sync = R"({"sftp":{"host":"127.0.0.1","port":)" + std::to_string(silent.port()) +
                            R"(,"password":"x","known_hosts":"/dev/null","remote_path":"/x","timeout_ms":1000}})";
   SyncRig rig(osv_settings(sync));
   const auto started = std::chrono::steady_clock::now();
   const auto ready = rig.fetch_and_wait(1010);
   CHECK(std::chrono::steady_clock::now() - started < std::chrono::seconds(8));
   CHECK(ready.status == PORTIER_ERR_TIMEOUT);
   portier_error err = PORTIER_ERROR_INIT;
   CHECK(rig.sync->fetch(rig.inst, 1011, &err) == PORTIER_PENDING);  // the worker is free again
}

TEST_CASE("a second fetch while one is under way is refused as busy") {
   SilentServer silent;
   const std::string sync = R"({"sftp":{"host":"127.0.0.1","port":)" + std::to_string(silent.port()) +
                            R"(,"password":"x","known_hosts":"/dev/null","remote_path":"/x","timeout_ms":30000}})";
   SyncRig rig(osv_settings(sync));
   portier_error err = PORTIER_ERROR_INIT;
   REQUIRE(rig.sync->fetch(rig.inst, 1, &err) == PORTIER_PENDING);
   CHECK(rig.sync->fetch(rig.inst, 2, &err) == PORTIER_ERR_BUSY);
}

TEST_CASE("stop ends a fetch that hangs on a silent server without waiting for its timeout") {
   SilentServer silent;
   const std::string sync = R"({"sftp":{"host":"127.0.0.1","port":)" + std::to_string(silent.port()) +
                            R"(,"password":"x","known_hosts":"/dev/null","remote_path":"/x","timeout_ms":30000}})";
   SyncRig rig(osv_settings(sync));
   portier_error err = PORTIER_ERROR_INIT;
   REQUIRE(rig.sync->fetch(rig.inst, 1, &err) == PORTIER_PENDING);
   std::this_thread::sleep_for(std::chrono::milliseconds(300));  // let it connect and wait for the banner
   const auto started = std::chrono::steady_clock::now();
   rig.stop();
   CHECK(std::chrono::steady_clock::now() - started < std::chrono::seconds(5));
}

TEST_CASE("fetches over SFTP, good or failed, leave no descriptor open") {
   REQUIRE_SSHD();
   SshServer server;
   const std::string remote = server.write("export_all.txt", fixture("export_all.txt"));
   SyncRig rig(osv_settings(sftp_sync(server, remote, known_hosts(server.known_hosts()))));
   REQUIRE(rig.fetch_and_wait(1).status == PORTIER_OK);  // the plugin's own descriptors settle
   const std::size_t before = open_descriptors();
   REQUIRE(rig.fetch_and_wait(2).status == PORTIER_OK);
   server.write("export_all.txt", "not an export");
   REQUIRE(rig.fetch_and_wait(3).status == PORTIER_ERR_INVALID);
   CHECK(open_descriptors() == before);
}

TEST_CASE("a key passphrase from the plugin's secrets unlocks the key") {
   REQUIRE_SSHD();
   SshServer server;
   const std::string remote = server.write("export_all.txt", fixture("export_all.txt"));
   const std::string key = server.protected_key("correct horse");
   synctest::set_secret("sync_key_passphrase", "correct horse");
   std::string sync = sftp_sync(server, remote, known_hosts(server.known_hosts()));
   sync.replace(sync.find(server.client_key()), server.client_key().size(), key);
   SyncRig rig(osv_settings(sync));
   const auto ready = rig.fetch_and_wait(1012);
   INFO(ready.message);
   CHECK(ready.status == PORTIER_OK);
}

TEST_CASE("without key, password or password secret the fetch fails naming the secret") {
   const std::string sync = R"({"sftp":{"host":"127.0.0.1","port":9,"known_hosts":"/dev/null","remote_path":"/x"}})";
   SyncRig rig(osv_settings(sync));
   const auto ready = rig.fetch_and_wait(1013);
   CHECK(ready.status == PORTIER_ERR_DENIED);
   CHECK(std::string(ready.message).find("secret 'sync_password'") != std::string::npos);
}
