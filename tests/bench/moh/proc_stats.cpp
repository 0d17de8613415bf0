// SPDX-License-Identifier: GPL-3.0-or-later
#include "proc_stats.h"

#include <dirent.h>
#include <sched.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <string>

namespace portier::bench {

pid_t this_thread_id() { return static_cast<pid_t>(::syscall(SYS_gettid)); }

std::map<pid_t, std::uint64_t> thread_cpu_ns() {
   std::map<pid_t, std::uint64_t> out;
   DIR *dir = ::opendir("/proc/self/task");
   if (dir == nullptr) return out;
   // bounded: a process has finitely many threads; cap anyway
   for (int n = 0; n < 100000; ++n) {
      const dirent *e = ::readdir(dir);
      if (e == nullptr) break;
      if (e->d_name[0] < '0' || e->d_name[0] > '9') continue;
      std::ifstream f(std::string("/proc/self/task/") + e->d_name + "/schedstat");
      std::uint64_t ns = 0;
      if (f >> ns) out[static_cast<pid_t>(std::atoi(e->d_name))] = ns;
   }
   ::closedir(dir);
   return out;
}

double cpu_seconds_except(const std::map<pid_t, std::uint64_t> &before, const std::map<pid_t, std::uint64_t> &after,
                          const std::set<pid_t> &excluded) {
   std::uint64_t ns = 0;
   for (const auto &[tid, at] : after) {
      if (excluded.count(tid) != 0) continue;
      const auto was = before.find(tid);
      const std::uint64_t from = was == before.end() ? 0 : was->second;
      if (at > from) ns += at - from;
   }
   return static_cast<double>(ns) / 1e9;
}

std::int64_t rss_kb() {
   std::ifstream f("/proc/self/statm");
   std::int64_t pages = 0, resident = 0;
   f >> pages >> resident;
   return resident * (::sysconf(_SC_PAGESIZE) / 1024);
}

bool pin_thread(pid_t tid, int cpu) {
   if (cpu < 0 || cpu >= CPU_SETSIZE) return false;
   cpu_set_t set;
   CPU_ZERO(&set);
   CPU_SET(cpu, &set);
   return ::sched_setaffinity(tid, sizeof set, &set) == 0;
}

}  // namespace portier::bench
