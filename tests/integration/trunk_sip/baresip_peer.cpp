// SPDX-License-Identifier: GPL-3.0-or-later
#include "baresip_peer.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <vector>

#include <catch2/catch.hpp>

#include "trunk_rig.h"

extern char **environ;

namespace trunktest {
namespace {

constexpr std::size_t kMaxOutput = 8u << 20;  // baresip's status line repeats; keep the log bounded

std::string make_dir() {
   static std::atomic<int> n{0};
   const std::string dir = "/tmp/trunk-sip-test-baresip-" + std::to_string(::getpid()) + "-" + std::to_string(++n);
   ::mkdir(dir.c_str(), 0700);
   return dir;
}

void write_file(const std::string &path, const std::string &text) {
   std::ofstream out(path, std::ios::trunc);
   out << text;
}

}  // namespace

Baresip::Baresip(BaresipOptions options) {
   ::signal(SIGPIPE, SIG_IGN);  // a command written after baresip quit must not kill the test
   dir_ = make_dir();
   sip_port_ = free_stream_port(2);  // UDP and TCP on the SIP port, TLS on the next one
   const std::uint16_t rtp = free_rtp_base(20);
   std::string config;
   config += "poll_method\t\tepoll\n";
   config += "sip_listen\t\t127.0.0.1:" + std::to_string(sip_port_) + "\n";
   // Without it baresip puts the host's first interface address into its SDP.
   config += "net_interface\t\t127.0.0.1\n";
   if (!options.wav.empty()) config += "audio_source\t\taufile," + options.wav + "\n";
   config += "audio_srate\t\t8000\naudio_channels\t\t1\n";
   config += "rtp_ports\t\t" + std::to_string(rtp) + "-" + std::to_string(rtp + 19) + "\n";
   config += "rtp_stats\t\tyes\n";
   config += "module_path\t\t/usr/lib/baresip/modules\n";
   config += "module\t\t\tstdio.so\nmodule\t\t\tg711.so\nmodule\t\t\taufile.so\n";
   config += "module_app\t\taccount.so\nmodule_app\t\tmenu.so\n";
   write_file(dir_ + "/config", config);
   write_file(dir_ + "/accounts", "<sip:" + options.user + "@127.0.0.1>;regint=0;audio_codecs=PCMA,PCMU" +
                                      (options.auto_answer ? ";answermode=auto" : "") + "\n");

   int in[2];
   int out[2];
   REQUIRE(::pipe2(in, O_CLOEXEC) == 0);
   REQUIRE(::pipe2(out, O_CLOEXEC) == 0);
   REQUIRE(::pipe2(wake_, O_CLOEXEC) == 0);
   posix_spawn_file_actions_t actions;
   posix_spawn_file_actions_init(&actions);
   posix_spawn_file_actions_adddup2(&actions, in[0], 0);
   posix_spawn_file_actions_adddup2(&actions, out[1], 1);
   posix_spawn_file_actions_adddup2(&actions, out[1], 2);
   std::vector<std::string> args = {"baresip", "-f", dir_, "-t", std::to_string(options.lifetime_s)};
   std::vector<char *> argv;
   for (std::string &a : args) argv.push_back(a.data());
   argv.push_back(nullptr);
   const int rc = ::posix_spawn(&pid_, "/usr/bin/baresip", &actions, nullptr, argv.data(), environ);
   posix_spawn_file_actions_destroy(&actions);
   ::close(in[0]);
   ::close(out[1]);
   stdin_ = in[1];
   stdout_ = out[0];
   if (rc != 0) pid_ = -1;
   REQUIRE(rc == 0);
   reader_ = std::thread([this] { read_loop(); });
}

bool Baresip::ready() { return wait_for("baresip is ready", std::chrono::seconds(10)).has_value(); }

Baresip::~Baresip() {
   if (pid_ > 0) {
      command("/quit");
      int status = 0;
      bool gone = false;
      for (int i = 0; i < 100 && !gone; ++i) {  // 2 s to quit politely
         gone = ::waitpid(pid_, &status, WNOHANG) == pid_;
         if (!gone) ::usleep(20000);
      }
      if (!gone) {
         ::kill(pid_, SIGKILL);
         ::waitpid(pid_, &status, 0);
      }
   }
   if (wake_[1] >= 0) (void)::write(wake_[1], "x", 1);
   if (reader_.joinable()) reader_.join();
   for (int fd : {stdin_, stdout_, wake_[0], wake_[1]}) {
      if (fd >= 0) ::close(fd);
   }
   // The config folder goes; PORTIER_KEEP_TEST_DIRS keeps it, with baresip's output next to the
   // config, for a look after a failure.
   if (std::getenv("PORTIER_KEEP_TEST_DIRS") != nullptr) {
      write_file(dir_ + "/output.log", out_);
   } else {
      std::error_code ignored;
      std::filesystem::remove_all(dir_, ignored);
   }
}

void Baresip::read_loop() {
   for (;;) {
      pollfd p[2] = {{stdout_, POLLIN, 0}, {wake_[0], POLLIN, 0}};
      if (::poll(p, 2, 1000) < 0) return;
      if (p[1].revents != 0) return;
      if (p[0].revents == 0) continue;
      char buf[4096];
      const ssize_t n = ::read(stdout_, buf, sizeof buf);
      if (n <= 0) return;  // baresip is gone
      std::lock_guard<std::mutex> lock(mu_);
      if (out_.size() < kMaxOutput) out_.append(buf, static_cast<std::size_t>(n));
      changed_.notify_all();
   }
}

void Baresip::command(const std::string &line) {
   const std::string text = line + "\n";
   (void)::write(stdin_, text.data(), text.size());
}

std::optional<std::size_t> Baresip::wait_for(const std::string &text, std::chrono::milliseconds limit,
                                             std::size_t from) {
   std::unique_lock<std::mutex> lock(mu_);
   std::optional<std::size_t> found;
   changed_.wait_for(lock, limit, [&] {
      const auto at = out_.find(text, from);
      if (at != std::string::npos) found = at + text.size();
      return found.has_value();
   });
   return found;
}

std::optional<RtpCounts> Baresip::counts(std::chrono::milliseconds limit, std::size_t from) {
   // audio           Transmit:     Receive:
   // packets:            178          181
   const auto at = wait_for("packets:", limit, from);
   if (!at || !wait_for("errors:", limit, *at)) return std::nullopt;
   std::lock_guard<std::mutex> lock(mu_);
   const char *p = out_.c_str() + *at;
   char *end = nullptr;
   RtpCounts c;
   c.sent = std::strtol(p, &end, 10);
   c.received = std::strtol(end, nullptr, 10);
   return c;
}

std::string Baresip::output() {
   std::lock_guard<std::mutex> lock(mu_);
   // Without the per-100-ms status lines, which only ever overwrite themselves.
   std::string clean;
   std::size_t pos = 0;
   while (pos < out_.size()) {
      std::size_t end = out_.find_first_of("\r\n", pos);
      if (end == std::string::npos) end = out_.size();
      const std::string line = out_.substr(pos, end - pos);
      if (!line.empty() && line[0] != '[' && line[0] != '/') clean += line + "\n";
      pos = end + 1;
   }
   return clean;
}

std::string constant_wav(const std::string &name, std::int16_t level, int seconds) {
   return write_wav(name, std::vector<std::int16_t>(static_cast<std::size_t>(seconds) * 8000, level));
}

}  // namespace trunktest
