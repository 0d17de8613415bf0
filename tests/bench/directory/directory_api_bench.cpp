// SPDX-License-Identifier: GPL-3.0-or-later
// directory_api_bench: directory_search through the kernel's command path, JSON text in and JSON
// text out (parse, tenant-scoped search, contact JSON with sources, dump), at ROWS generated
// contacts of one tenant beside a tenant of 1% as many. Figures only, no pass or fail.
//   directory_api_bench [ROWS=1000000] [QUERIES=1000]   (KEEP=1 keeps the phone-book file)
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <random>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>
#include <time.h>
#include <unistd.h>

#include "directory/apply_source.h"
#include "generated_book.h"
#include "kernel/clock.h"
#include "kernel/directory_commands.h"
#include "kernel/directory_sync.h"
#include "kernel/engine_loop.h"

using namespace portier;
namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

// The thread's CPU time: on a shared machine the wall clock also counts other processes' turns.
static double thread_cpu_ms() {
   timespec now{};
   clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now);
   return static_cast<double>(now.tv_sec) * 1e3 + static_cast<double>(now.tv_nsec) / 1e6;
}

int main(int argc, char **argv) {
   const std::size_t rows = argc > 1 ? std::strtoull(argv[1], nullptr, 10) : 1000000;
   const std::size_t queries = argc > 2 ? std::strtoull(argv[2], nullptr, 10) : 1000;
   const fs::path dir = fs::temp_directory_path() / ("portier-api-bench-" + std::to_string(::getpid()));
   fs::create_directories(dir);
   std::mt19937_64 random(42);
   directory::bench::GeneratedBook book = directory::bench::generate_book(rows, random);
   auto opened = directory::DirectoryDb::open((dir / "directory.db").string());
   if (!opened) {
      std::fprintf(stderr, "%s\n", opened.error().what.c_str());
      return 1;
   }
   directory::ApplyOptions options;
   options.keep_raw_numbers = true;
   options.tenant = "DEFAULT";
   auto start = Clock::now();
   const auto imported = directory::apply_source(*opened.value(), "bench", book.rows, options);
   if (!imported) {
      std::fprintf(stderr, "import: %s\n", imported.error().what.c_str());
      return 1;
   }
   std::vector<directory::Contact> other(book.rows.begin(), book.rows.begin() + static_cast<long>(rows / 100));
   options.tenant = "Hotel";
   if (!directory::apply_source(*opened.value(), "hotel", other, options)) return 1;
   const double import_s = std::chrono::duration<double>(Clock::now() - start).count();

   kernel::SimulatedClock clock;
   kernel::EngineLoop loop(clock, 16);
   loop.adopt_current_thread();
   kernel::DirectoryConfig config;
   kernel::DirectorySync sync(loop, config, opened.value(), std::nullopt,
                              [](std::string_view) { return std::optional<kernel::DirectoryPort>(); });
   const kernel::PhoneStateOf no_lamps = [](std::string_view) { return std::optional<std::string>(); };

   std::printf("directory_search through the kernel command path, %zu + %zu contacts (imported in %.1f s)\n", rows,
               other.size(), import_s);
   std::printf("%-10s %-8s %8s %8s %8s %8s %9s %8s %8s\n", "kind", "tenant", "p50", "p95", "p99", "max", "bytes",
               "cpu p50", "cpu p99");
   for (const std::string kind : {"prefix2", "prefix3", "two_terms", "number"}) {
      for (const std::string tenant : {"DEFAULT", "Hotel"}) {
         std::vector<double> ms, cpu_ms;
         std::size_t bytes = 0;
         for (const std::string &q : directory::bench::queries_of(kind, book, queries, random)) {
            const std::string in =
                nlohmann::json{{"type", "directory_search"}, {"tenant", tenant}, {"query", q}, {"page_size", 20}}.dump();
            const auto t = Clock::now();
            const double c = thread_cpu_ms();
            const nlohmann::json request = nlohmann::json::parse(in);
            nlohmann::json answer = kernel::answer_directory(request, &sync, no_lamps, nullptr);
            answer["type"] = "answer";
            const std::string out = answer.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
            ms.push_back(std::chrono::duration<double, std::milli>(Clock::now() - t).count());
            cpu_ms.push_back(thread_cpu_ms() - c);
            bytes += out.size();
            if (answer.value("ok", false) != true) {
               std::fprintf(stderr, "'%s': %s\n", q.c_str(), out.c_str());
               return 1;
            }
         }
         std::sort(ms.begin(), ms.end());
         std::sort(cpu_ms.begin(), cpu_ms.end());
         std::printf("%-10s %-8s %8.3f %8.3f %8.3f %8.3f %9zu %8.3f %8.3f\n", kind.c_str(), tenant.c_str(),
                     ms[ms.size() / 2], ms[ms.size() * 95 / 100], ms[ms.size() * 99 / 100], ms.back(),
                     bytes / ms.size(), cpu_ms[cpu_ms.size() / 2], cpu_ms[cpu_ms.size() * 99 / 100]);
      }
   }
   std::printf("(ms per request: parse, search, answer JSON, dump; the client plugin's transport is not included)\n");
   if (std::getenv("KEEP")) std::printf("kept %s\n", (dir / "directory.db").c_str());
   else fs::remove_all(dir);
   return 0;
}
