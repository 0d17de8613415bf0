// SPDX-License-Identifier: GPL-3.0-or-later
// What the benchmark reads about its own process from /proc: on-CPU time of threads (from
// schedstat, exact, as the reference's cpumon.py reads it) and resident memory.
#pragma once

#include <sys/types.h>

#include <cstdint>
#include <map>
#include <set>

namespace portier::bench {

pid_t this_thread_id();
// On-CPU nanoseconds of every thread of this process, by thread id.
std::map<pid_t, std::uint64_t> thread_cpu_ns();
// CPU seconds the threads not in `excluded` spent between two readings (threads that came or
// went in between count from zero / up to their last reading).
double cpu_seconds_except(const std::map<pid_t, std::uint64_t> &before, const std::map<pid_t, std::uint64_t> &after,
                          const std::set<pid_t> &excluded);
std::int64_t rss_kb();
// Pins the calling thread (0 = this thread) to one CPU; false when the machine has no such CPU.
bool pin_thread(pid_t tid, int cpu);

}  // namespace portier::bench
