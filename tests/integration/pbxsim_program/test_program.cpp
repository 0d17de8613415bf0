// SPDX-License-Identifier: GPL-3.0-or-later
// portier-pbxsim as a process: options, its "listening on" line, a script that pbx.osv sees.
#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <fstream>
#include <string>
#include <thread>
#include <vector>

#include <catch2/catch.hpp>

#include "osv_client.h"
#include "scratch_dir.h"

namespace {

// The program with stdout and stderr on pipes; killed at the end if still running.
class Program {
public:
   explicit Program(std::vector<std::string> args) {
      int out[2], err[2];
      REQUIRE(pipe(out) == 0);
      REQUIRE(pipe(err) == 0);
      pid_ = fork();
      REQUIRE(pid_ >= 0);
      if (pid_ == 0) {
         dup2(out[1], 1);
         dup2(err[1], 2);
         close(out[0]);
         close(err[0]);
         std::vector<char *> argv{const_cast<char *>(PBXSIM_PROGRAM)};
         for (auto &a : args) argv.push_back(a.data());
         argv.push_back(nullptr);
         execv(PBXSIM_PROGRAM, argv.data());
         _exit(127);
      }
      close(out[1]);
      close(err[1]);
      out_ = out[0];
      err_ = err[0];
      fcntl(out_, F_SETFL, O_NONBLOCK);
      fcntl(err_, F_SETFL, O_NONBLOCK);
   }
   ~Program() {
      if (pid_ > 0 && exit_code_ < 0) {
         kill(pid_, SIGKILL);
         waitpid(pid_, nullptr, 0);
      }
      close(out_);
      close(err_);
   }

   // Reads what is there on both pipes.
   void drain() {
      char buf[4096];
      ssize_t n;
      while ((n = read(out_, buf, sizeof buf)) > 0) stdout_.append(buf, static_cast<std::size_t>(n));
      while ((n = read(err_, buf, sizeof buf)) > 0) stderr_.append(buf, static_cast<std::size_t>(n));
   }

   // The port of the "listening on 127.0.0.1:PORT" line, waiting at most 10 s; 0 if none came.
   std::uint16_t port() {
      const std::string marker = "listening on 127.0.0.1:";
      for (int i = 0; i < 200; ++i) {
         drain();
         if (auto at = stdout_.find(marker); at != std::string::npos && stdout_.find('\n', at) != std::string::npos)
            return static_cast<std::uint16_t>(std::stoi(stdout_.substr(at + marker.size())));
         std::this_thread::sleep_for(std::chrono::milliseconds(50));
      }
      return 0;
   }

   // The exit code, waiting at most `limit`; -1 if it still runs.
   int wait_exit(std::chrono::milliseconds limit) {
      const auto deadline = std::chrono::steady_clock::now() + limit;
      while (exit_code_ < 0 && std::chrono::steady_clock::now() < deadline) {
         int status = 0;
         if (waitpid(pid_, &status, WNOHANG) == pid_) {
            exit_code_ = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
         } else {
            std::this_thread::sleep_for(std::chrono::milliseconds(20));
         }
      }
      drain();
      return exit_code_;
   }

   void signal(int sig) { kill(pid_, sig); }
   std::string stdout_, stderr_;

private:
   pid_t pid_ = -1;
   int out_ = -1, err_ = -1;
   int exit_code_ = -1;
};

std::string write_temp(const std::string &name, const std::string &text) {
   const std::string path = portier::test::scratch_path(name);
   std::ofstream(path) << text;
   return path;
}

}  // namespace

TEST_CASE("portier-pbxsim prints its usage with --help") {
   Program p({"--help"});
   CHECK(p.wait_exit(std::chrono::seconds(10)) == 0);
   CHECK(p.stdout_.find("--exit-after-script") != std::string::npos);
}

TEST_CASE("portier-pbxsim refuses a bad office file naming file and line") {
   const std::string office = write_temp("bad.yaml", "extensions:\n  - number: \"100\"\n    colour: red\n");
   Program p({"--port", "0", "--office", office});
   CHECK(p.wait_exit(std::chrono::seconds(10)) == 2);
   CHECK(p.stderr_.find(office + ":3:5: extensions[0]: unknown key 'colour'") != std::string::npos);
   std::remove(office.c_str());
}

TEST_CASE("portier-pbxsim refuses a bad script naming its line, and any address but loopback") {
   const std::string script = write_temp("bad.script", "wait 10\ncall 200\n");
   Program p({"--script", script});
   CHECK(p.wait_exit(std::chrono::seconds(10)) == 2);
   CHECK(p.stderr_.find(script + ":2: expected 'call <from> <to>'") != std::string::npos);
   std::remove(script.c_str());
   Program q({"--listen", "0.0.0.0"});
   CHECK(q.wait_exit(std::chrono::seconds(10)) == 2);
   CHECK(q.stderr_.find("only 127.0.0.1") != std::string::npos);
}

TEST_CASE("portier-pbxsim runs its script for pbx.osv and exits after it") {
   const std::string script = write_temp("call.script",
                                         "wait 2500   # time for the client to monitor\n"
                                         "call +4930901820 +49897007203\n"
                                         "wait 300\n"
                                         "answer +49897007203\n"
                                         "wait 300\n"
                                         "hangup +4930901820\n"
                                         "wait 300\n");
   Program p({"--port", "0", "--script", script, "--exit-after-script"});
   const std::uint16_t port = p.port();
   REQUIRE(port != 0);
   {
      simprog::OsvClient client(port);
      REQUIRE(client.wait_running());
      client.monitor("+49897007203", 1);
      const bool answered_and_idle = client.osv.host.wait([&] {
         const auto states = client.states_of("+49897007203");
         bool busy = false;
         for (auto s : states) busy = busy || s == PORTIER_PBX_DEVICE_BUSY;
         return busy && !states.empty() && states.back() == PORTIER_PBX_DEVICE_IDLE;
      }, std::chrono::seconds(10));
      CHECK(answered_and_idle);
      CHECK(!client.calls_at("+49897007203").empty());
      client.osv.stop();
   }
   CHECK(p.wait_exit(std::chrono::seconds(10)) == 0);
   CHECK(p.stderr_.find("script finished: 7 steps, 0 failed") != std::string::npos);
   std::remove(script.c_str());
}

TEST_CASE("portier-pbxsim stops on SIGTERM") {
   Program p({"--port", "0", "--demo"});
   REQUIRE(p.port() != 0);
   p.signal(SIGTERM);
   CHECK(p.wait_exit(std::chrono::seconds(10)) == 0);
}
