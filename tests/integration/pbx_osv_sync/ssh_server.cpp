// SPDX-License-Identifier: GPL-3.0-or-later
#include "ssh_server.h"
#include "test_ports.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <pwd.h>
#include <signal.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <sstream>
#include <thread>
#include <vector>

#include <catch2/catch.hpp>

extern char **environ;

namespace synctest {
namespace {

constexpr const char *kSshd = "/usr/sbin/sshd";
constexpr const char *kKeygen = "/usr/bin/ssh-keygen";
constexpr const char *kPrivsepDir = "/run/sshd";  // sshd started by root insists on it

std::string slurp(const std::string &path) {
   std::ifstream in(path, std::ios::binary);
   return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

bool accepts(int port) {
   const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
   if (fd < 0) return false;
   sockaddr_in a{};
   a.sin_family = AF_INET;
   a.sin_port = htons(static_cast<std::uint16_t>(port));
   a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
   const bool ok = ::connect(fd, reinterpret_cast<sockaddr *>(&a), sizeof a) == 0;
   ::close(fd);
   return ok;
}

void keygen(const std::string &path, const std::string &passphrase = "") {
   const std::string cmd = std::string(kKeygen) + " -q -t ed25519 -N '" + passphrase + "' -C portier-test -f '" + path +
                           "' </dev/null";
   REQUIRE(std::system(cmd.c_str()) == 0);
}

}  // namespace

bool SshServer::available() { return ::access(kSshd, X_OK) == 0 && ::access(kKeygen, X_OK) == 0; }

SshServer::SshServer() {
   char tmpl[] = "/tmp/portier-sshd-XXXXXX";
   REQUIRE(::mkdtemp(tmpl) != nullptr);
   dir_ = tmpl;
   const passwd *pw = ::getpwuid(::geteuid());
   REQUIRE(pw != nullptr);
   user_ = pw->pw_name;
   if (::geteuid() == 0) ::mkdir(kPrivsepDir, 0755);  // harmless when it exists

   keygen(dir_ + "/host_key");
   keygen(dir_ + "/client_key");
   keygen(dir_ + "/other_key");
   write("authorized_keys", slurp(dir_ + "/client_key.pub"));

   port_ = portier::test::reserve_port();  // reserved: no test running in parallel takes it
   const std::string host = "[127.0.0.1]:" + std::to_string(port_) + " ";
   write("known_hosts", host + slurp(dir_ + "/host_key.pub"));
   write("wrong_known_hosts", host + slurp(dir_ + "/other_key.pub"));

   std::ostringstream config;
   config << "Port " << port_ << "\n"
          << "ListenAddress 127.0.0.1\n"
          << "HostKey " << dir_ << "/host_key\n"
          << "AuthorizedKeysFile " << dir_ << "/authorized_keys\n"
          << "PidFile " << dir_ << "/sshd.pid\n"
          << "StrictModes no\nUsePAM no\nPermitRootLogin prohibit-password\nPasswordAuthentication no\n"
          << "KbdInteractiveAuthentication no\nSubsystem sftp internal-sftp\n";
   write("sshd_config", config.str());

   const std::string config_path = dir_ + "/sshd_config";
   const std::string log_path = dir_ + "/sshd.log";
   posix_spawn_file_actions_t actions;
   posix_spawn_file_actions_init(&actions);
   posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, log_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
   posix_spawn_file_actions_adddup2(&actions, STDOUT_FILENO, STDERR_FILENO);
   std::vector<std::string> args{kSshd, "-D", "-e", "-f", config_path};
   std::vector<char *> argv;
   for (std::string &a : args) argv.push_back(a.data());
   argv.push_back(nullptr);
   const int spawned = ::posix_spawn(&pid_, kSshd, &actions, nullptr, argv.data(), environ);
   posix_spawn_file_actions_destroy(&actions);
   REQUIRE(spawned == 0);

   const auto end = std::chrono::steady_clock::now() + std::chrono::seconds(10);
   bool up = false;
   while (!up && std::chrono::steady_clock::now() < end) {
      int status = 0;
      if (::waitpid(pid_, &status, WNOHANG) == pid_) {
         pid_ = -1;
         FAIL("sshd exited at start: " << slurp(log_path));
      }
      up = accepts(port_);
      if (!up) std::this_thread::sleep_for(std::chrono::milliseconds(20));
   }
   INFO(slurp(log_path));
   REQUIRE(up);
}

SshServer::~SshServer() {
   if (pid_ > 0) {
      ::kill(pid_, SIGTERM);
      int status = 0;
      ::waitpid(pid_, &status, 0);
   }
   std::error_code ec;
   std::filesystem::remove_all(dir_, ec);
}

std::string SshServer::fingerprint() const {
   const std::string cmd = std::string(kKeygen) + " -l -E sha256 -f '" + dir_ + "/host_key.pub'";
   FILE *p = ::popen(cmd.c_str(), "r");
   REQUIRE(p != nullptr);
   char line[512] = {};
   const bool got = std::fgets(line, sizeof line, p) != nullptr;
   ::pclose(p);
   REQUIRE(got);
   std::istringstream words(line);
   std::string bits, fp;
   words >> bits >> fp;  // "256 SHA256:... comment (ED25519)"
   return fp;
}

std::string SshServer::protected_key(const std::string &passphrase) const {
   const std::string path = dir_ + "/protected_key";
   keygen(path, passphrase);
   write("authorized_keys", slurp(dir_ + "/client_key.pub") + slurp(path + ".pub"));
   return path;
}

std::string SshServer::write(const std::string &name, const std::string &content) const {
   const std::string path = dir_ + "/" + name;
   std::ofstream out(path, std::ios::binary | std::ios::trunc);
   out << content;
   REQUIRE(out.good());
   return path;
}

}  // namespace synctest
