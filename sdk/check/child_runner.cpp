// SPDX-License-Identifier: MIT
#include "child_runner.h"

#include <dlfcn.h>
#include <link.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <exception>

#include <nlohmann/json.hpp>

#include "child_channel.h"
#include "guarded_pages.h"

namespace portier::check {
namespace {

int g_report_fd = -1;  // the child's end of the pipe, for the sanitizer death callback

// A sanitizer that found an error in the plugin ends the process with exit(1); say so first.
void on_sanitizer_death()
{
   static const char kLine[] = "\n{\"k\":\"sanitizer\"}\n";
   [[maybe_unused]] const ssize_t n = ::write(g_report_fd, kLine, sizeof kLine - 1);
}

// ASan and UBSan each carry their own copy of the sanitizer runtime, with its own death
// callback, so register with every loaded object that has one (none in a plain build).
void register_sanitizer_death_callback()
{
   using SetDeathCallback = void (*)(void (*)(void));
   dl_iterate_phdr(
      [](dl_phdr_info *info, size_t, void *) -> int {
         if (info->dlpi_name == nullptr || std::strstr(info->dlpi_name, "san") == nullptr) {
            return 0;
         }
         void *lib = ::dlopen(info->dlpi_name, RTLD_LAZY | RTLD_NOLOAD);
         if (lib != nullptr) {
            if (auto set = reinterpret_cast<SetDeathCallback>(::dlsym(lib, "__sanitizer_set_death_callback"))) {
               set(on_sanitizer_death);
            }
            ::dlclose(lib);
         }
         return 0;
      },
      nullptr);
}

constexpr size_t kMaxReport = 4u * 1024u * 1024u;  // what a child may send in all

std::string signal_name(int sig)
{
   switch (sig) {
   case SIGSEGV: return "SIGSEGV";
   case SIGBUS: return "SIGBUS";
   case SIGABRT: return "SIGABRT";
   case SIGFPE: return "SIGFPE";
   case SIGILL: return "SIGILL";
   case SIGKILL: return "SIGKILL";
   case SIGTERM: return "SIGTERM";
   case SIGTRAP: return "SIGTRAP";
   case SIGPIPE: return "SIGPIPE";
   default: return "signal " + std::to_string(sig);
   }
}

[[noreturn]] void child_main(const Scenario &scenario, const CheckOptions &opt, int fd)
{
   // Plugin output must not mix into the report on stdout.
   ::dup2(STDERR_FILENO, STDOUT_FILENO);
   install_fault_handler(fd, scenario.name);
   g_report_fd = fd;
   register_sanitizer_death_callback();
   try {
      ScenarioLog log(fd, scenario.name);
      scenario.run(log, opt);
   } catch (const std::exception &e) {
      ScenarioLog log(fd, scenario.name);
      log.fail(std::string("the checker failed: ") + e.what());
   }
   // _exit: no static destructors or atexit handlers of the plugin while its threads may run.
   ::_exit(0);
}

// Parses one record from the child; malformed lines (a crash mid-write) are skipped.
void take_record(const std::string &line, const Scenario &scenario, ScenarioOutcome &out,
                 std::string &where, bool &sanitizer_died)
{
   const auto j = nlohmann::json::parse(line, nullptr, false);
   if (j.is_discarded() || !j.is_object() || !j.contains("k")) {
      return;
   }
   const std::string kind = j.value("k", "");
   if (kind == "check") {
      const std::string r = j.value("result", "fail");
      const Result result = r == "pass" ? Result::Pass : r == "warn" ? Result::Warn : Result::Fail;
      out.lines.push_back({j.value("name", std::string(scenario.name)), result, j.value("detail", "")});
   } else if (kind == "sanitizer") {
      sanitizer_died = true;
   } else if (kind == "progress") {
      where = j.value("at", "");
   } else if (kind == "descriptor") {
      DescriptorInfo d;
      d.known = true;
      d.id = j.value("id", "");
      d.kind = j.value("kind", "");
      d.name = j.value("name", "");
      d.version = j.value("version", "");
      d.abi_major = j.value("abi_major", 0u);
      d.abi_minor = j.value("abi_minor", 0u);
      d.struct_size = j.value("struct_size", 0u);
      out.descriptor = d;
      out.usable_descriptor = j.value("usable", false);
   }
}

}  // namespace

ScenarioOutcome run_in_child(const Scenario &scenario, const CheckOptions &opt, int timeout_ms)
{
   ScenarioOutcome out;
   int fds[2];
   if (::pipe(fds) != 0) {
      out.lines.push_back({scenario.name, Result::Fail, std::string("cannot create a pipe: ") + std::strerror(errno)});
      return out;
   }
   const pid_t pid = ::fork();
   if (pid < 0) {
      ::close(fds[0]);
      ::close(fds[1]);
      out.lines.push_back({scenario.name, Result::Fail, std::string("cannot fork: ") + std::strerror(errno)});
      return out;
   }
   if (pid == 0) {
      ::close(fds[0]);
      child_main(scenario, opt, fds[1]);
   }
   ::close(fds[1]);

   using Clock = std::chrono::steady_clock;
   const auto deadline = Clock::now() + std::chrono::milliseconds(timeout_ms);
   std::string buffer;
   std::string where;
   size_t received = 0;
   bool timed_out = false;
   bool sanitizer_died = false;
   for (;;) {
      const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()).count();
      if (left <= 0) {
         timed_out = true;
         break;
      }
      pollfd p{fds[0], POLLIN, 0};
      const int ready = ::poll(&p, 1, static_cast<int>(left));
      if (ready < 0 && errno == EINTR) {
         continue;
      }
      if (ready <= 0) {
         continue;  // the deadline check above ends the wait
      }
      char chunk[4096];
      const ssize_t n = ::read(fds[0], chunk, sizeof chunk);
      if (n < 0 && errno == EINTR) {
         continue;
      }
      if (n <= 0) {
         break;  // EOF: the child and all its threads are gone
      }
      received += static_cast<size_t>(n);
      if (received > kMaxReport) {
         timed_out = false;
         out.lines.push_back({scenario.name, Result::Fail, "sent more than 4 MiB of findings; stopped reading"});
         ::kill(pid, SIGKILL);
         break;
      }
      buffer.append(chunk, static_cast<size_t>(n));
      for (size_t nl; (nl = buffer.find('\n')) != std::string::npos;) {
         take_record(buffer.substr(0, nl), scenario, out, where, sanitizer_died);
         buffer.erase(0, nl + 1);
      }
   }
   if (timed_out) {
      ::kill(pid, SIGKILL);
   }
   ::close(fds[0]);
   int status = 0;
   while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
   }
   const std::string place = where.empty() ? "" : ", " + where;
   if (timed_out) {
      out.lines.push_back({scenario.name, Result::Fail,
                           "hung: " + std::string(scenario.name) + " did not finish within " +
                              std::to_string(timeout_ms / 1000) + " s" + place + " (killed)"});
   } else if (WIFSIGNALED(status)) {
      out.lines.push_back({scenario.name, Result::Fail,
                           "crashed (" + signal_name(WTERMSIG(status)) + ") in " + scenario.name + place});
   } else if (sanitizer_died) {
      out.lines.push_back({scenario.name, Result::Fail,
                           "crashed (sanitizer error, its report is on stderr) in " + std::string(scenario.name) +
                              place});
   } else if (WIFEXITED(status) && WEXITSTATUS(status) != 0 && WEXITSTATUS(status) != 3) {
      out.lines.push_back({scenario.name, Result::Fail,
                           "the process exited with status " + std::to_string(WEXITSTATUS(status)) +
                              " in " + scenario.name + place + " (a plugin must never exit the process)"});
   }
   return out;
}

}  // namespace portier::check
