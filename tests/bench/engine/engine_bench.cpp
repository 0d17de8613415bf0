// SPDX-License-Identifier: GPL-3.0-or-later
// engine_bench: engine decisions per second with 10,000 waiting calls and 500 attendants on the
// simulated clock, latency per input, and memory per waiting call (issue 5). README.md says how
// each figure is taken. Usage: engine_bench [--calls N] [--attendants N] [--tenants N]
// [--pilots N] [--steps N] [--seconds S] [--seed N]
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string_view>

#include "bench_plan.h"
#include "engine/runtime/engine.h"
#include "input_meter.h"
#include "memory_use.h"
#include "quiet_trunk.h"
#include "timed_timers.h"
#include "workload.h"

namespace {

using portier::bench::BenchSize;

constexpr std::size_t kMaxSamples = 20'000'000;  // 80 MB of latency samples at most

bool read_count(const char *text, std::uint64_t max, std::uint64_t &out) {
   char *end = nullptr;
   const unsigned long long value = std::strtoull(text, &end, 10);
   if (end == text || *end != '\0' || value == 0 || value > max) return false;
   out = value;
   return true;
}

bool parse_args(int argc, char **argv, BenchSize &size) {
   for (int i = 1; i < argc; ++i) {
      const std::string_view flag = argv[i];
      if (i + 1 >= argc) return false;
      const char *value = argv[++i];
      std::uint64_t n = 0;
      bool ok = true;
      if (flag == "--calls") {
         ok = read_count(value, 1'000'000, n);
         size.waiting_calls = n;
      } else if (flag == "--attendants") {
         ok = read_count(value, 100'000, n);
         size.attendants = n;
      } else if (flag == "--tenants") {
         ok = read_count(value, 1000, n);
         size.tenants = n;
      } else if (flag == "--pilots") {
         ok = read_count(value, 99, n);
         size.pilots_per_tenant = n;
      } else if (flag == "--steps") {
         ok = read_count(value, 1'000'000'000, n);
         size.steps = n;
      } else if (flag == "--seconds") {
         ok = read_count(value, 3600, n);
         size.max_seconds = static_cast<double>(n);
      } else if (flag == "--seed") {
         ok = read_count(value, 0xffffffffULL, n);
         size.seed = static_cast<std::uint32_t>(n);
      } else {
         ok = false;
      }
      if (!ok) return false;
   }
   return size.tenants <= 99;
}

void print_latency(const char *phase, const portier::bench::LatencySummary &s) {
   const double rate = s.busy_seconds > 0 ? static_cast<double>(s.inputs) / s.busy_seconds : 0;
   std::printf("| %s | %llu | %.0f | %.2f | %.2f | %.1f |\n", phase, static_cast<unsigned long long>(s.inputs), rate,
               s.p50_us, s.p99_us, s.max_us);
}

}  // namespace

int main(int argc, char **argv) {
   BenchSize size;
   if (!parse_args(argc, argv, size)) {
      std::fprintf(stderr,
                   "usage: engine_bench [--calls N] [--attendants N] [--tenants N<=99] [--pilots N<=99] "
                   "[--steps N] [--seconds S] [--seed N]\n");
      return 2;
   }
   using namespace portier;
   const bench::BenchPlan plan = bench::make_plan(size);
   bench::InputMeter meter(kMaxSamples);
   bench::QuietTrunk trunk;
   bench::TimedTimers timers(meter);
   std::uint64_t events = 0;
   engine::Engine engine(plan.data, trunk, timers, [&events](const engine::EngineEvent &) { ++events; });
   bench::Workload workload(size, plan, engine, trunk, timers, meter);

   workload.log_on_all();
   const bench::LatencySummary logon = meter.summary();
   meter.reset();
   const bench::MemoryUse before = bench::memory_use();
   workload.fill_queues();
   const bench::MemoryUse after = bench::memory_use();
   const bench::LatencySummary fill = meter.summary();
   const std::size_t waiting = engine.call_count();
   meter.reset();

   const bench::RunResult run = workload.run();
   const bench::LatencySummary mixed = meter.summary();
   const auto audit = engine.audit();

   std::printf("engine_bench: %zu waiting calls, %zu attendants, %zu tenants x %zu pilots (last tenant pick mode), "
               "seed %u\n\n",
               waiting, size.attendants, size.tenants, size.pilots_per_tenant, size.seed);
   std::printf("| phase | inputs | decisions/s (engine time) | p50 us | p99 us | max us |\n|---|---|---|---|---|---|\n");
   print_latency("log on", logon);
   print_latency("fill queues", fill);
   print_latency("mixed workload", mixed);
   std::printf("\nmixed workload: %llu steps in %.2f s wall, %.2f s CPU (%.0f decisions per CPU second, bench "
               "bookkeeping included), %.1f s simulated, %llu engine events, %llu trunk commands, %zu calls held "
               "at the end\n",
               static_cast<unsigned long long>(run.steps), run.wall_seconds, run.cpu_seconds,
               run.cpu_seconds > 0 ? static_cast<double>(mixed.inputs) / run.cpu_seconds : 0,
               static_cast<double>(run.simulated_ms) / 1000.0, static_cast<unsigned long long>(events),
               static_cast<unsigned long long>(trunk.commands), engine.call_count());
   std::printf("actions:");
   for (std::size_t i = 0; i < bench::kActionCount; ++i) {
      std::printf(" %s %llu", bench::action_name(static_cast<bench::Action>(i)),
                  static_cast<unsigned long long>(run.actions[i]));
   }
   std::printf(" (refused requests %llu)\n", static_cast<unsigned long long>(run.not_ok));
   const double calls = waiting > 0 ? static_cast<double>(waiting) : 1.0;
   std::printf("memory per waiting call: %.0f bytes RSS delta, %.0f bytes malloc'd (mallinfo2); "
               "RSS %.1f MB after the fill\n",
               static_cast<double>(after.rss_bytes - before.rss_bytes) / calls,
               static_cast<double>(after.heap_bytes - before.heap_bytes) / calls,
               static_cast<double>(after.rss_bytes) / (1024.0 * 1024.0));
   std::printf("audit: %s\n", audit.empty() ? "clean" : audit.front().c_str());
   return audit.empty() ? 0 : 1;
}
