// SPDX-License-Identifier: GPL-3.0-or-later
// directory_api_bench: directory_search through the kernel's command path, JSON text in and JSON
// text out (parse, tenant-scoped search, contact JSON with sources, dump), at ROWS generated
// contacts of one tenant beside a tenant of 1% as many. Figures only, no pass or fail.
//   directory_api_bench [ROWS=1000000] [QUERIES=1000] [--db FILE]   (KEEP=1 keeps the phone-book file)
// --db FILE searches a book kept by an earlier run (KEEP=1) of the same ROWS instead of importing
// one (about 90 s at 1M): the queries come from the same seeded book.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include <nlohmann/json.hpp>
#include <time.h>
#include <unistd.h>

#include "directory/apply_source.h"
#include "directory/name_sets.h"
#include "directory/search.h"
#include "directory/search_page.h"
#include "directory/statement.h"
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

// Thread CPU of the request's parts, run again after it: search() alone, and reading its page's
// contacts alone (read_page on the ranks of the results). FTS is about search - page; the
// kernel's command path (request and answer JSON) about the request - search.
static void time_parts(directory::DirectoryDb &db, const std::string &query, const std::string &tenant,
                       std::vector<double> &search_ms, std::vector<double> &page_ms) {
   double c = thread_cpu_ms();
   const auto page = directory::search(db, query, 20, "", tenant);
   search_ms.push_back(thread_cpu_ms() - c);
   if (!page) return;
   std::vector<directory::PageHit> hits;
   directory::Statement &rank = db.statements().get("SELECT rank FROM contacts WHERE id = ?1");
   for (const directory::SearchResult &result : page->results) {
      rank.bind(1, result.contact_id);
      if (rank.step()) hits.push_back({result.tier, rank.column_int(0)});
      rank.reset();
   }
   const directory::ReadTransaction read(db.statements());  // as search() reads its page
   c = thread_cpu_ms();
   const auto results = directory::read_page(db, hits);
   page_ms.push_back(thread_cpu_ms() - c);
}

int main(int argc, char **argv) {
   std::vector<std::string> positional;
   std::string kept_db;
   for (int i = 1; i < argc; ++i) {
      const std::string arg = argv[i];
      if (arg == "--db" && i + 1 < argc) kept_db = argv[++i];
      else positional.push_back(arg);
   }
   const std::size_t rows = positional.size() > 0 ? std::strtoull(positional[0].c_str(), nullptr, 10) : 1000000;
   const std::size_t queries = positional.size() > 1 ? std::strtoull(positional[1].c_str(), nullptr, 10) : 1000;
   const fs::path dir = fs::temp_directory_path() / ("portier-api-bench-" + std::to_string(::getpid()));
   if (kept_db.empty()) fs::create_directories(dir);
   std::mt19937_64 random(42);
   directory::bench::GeneratedBook book = directory::bench::generate_book(rows, random);
   auto opened = directory::DirectoryDb::open(kept_db.empty() ? (dir / "directory.db").string() : kept_db);
   if (!opened) {
      std::fprintf(stderr, "%s\n", opened.error().what.c_str());
      return 1;
   }
   const std::size_t other_rows = rows / 100;
   double import_s = 0;
   if (kept_db.empty()) {
      directory::ApplyOptions options;
      options.keep_raw_numbers = true;
      options.tenant = "DEFAULT";
      auto start = Clock::now();
      const auto imported = directory::apply_source(*opened.value(), "bench", book.rows, options);
      if (!imported) {
         std::fprintf(stderr, "import: %s\n", imported.error().what.c_str());
         return 1;
      }
      std::vector<directory::Contact> other(book.rows.begin(), book.rows.begin() + static_cast<long>(other_rows));
      options.tenant = "Hotel";
      if (!directory::apply_source(*opened.value(), "hotel", other, options)) return 1;
      import_s = std::chrono::duration<double>(Clock::now() - start).count();
   }

   kernel::SimulatedClock clock;
   kernel::EngineLoop loop(clock, 16);
   loop.adopt_current_thread();
   kernel::DirectoryConfig config;
   kernel::DirectorySync sync(loop, config, opened.value(), std::nullopt,
                              [](std::string_view) { return std::optional<kernel::DirectoryPort>(); });
   const kernel::PhoneStateOf no_lamps = [](std::string_view) { return std::optional<std::string>(); };
   // As portierd starts: the directory worker reads the names into memory (directory/name_sets.h)
   // and the engine loop installs them; waited for, at most a minute.
   const auto read_start = Clock::now();
   sync.start();
   for (int i = 0; i < 6000 && !opened.value()->name_sets(); ++i) {
      loop.run_ready();
      if (!opened.value()->name_sets()) std::this_thread::sleep_for(std::chrono::milliseconds(10));
   }
   if (!opened.value()->name_sets()) {
      std::fprintf(stderr, "the directory worker did not read the names into memory within a minute\n");
      return 1;
   }
   std::printf("names in memory after %.2f s: %.1f MB\n",
               std::chrono::duration<double>(Clock::now() - read_start).count(),
               static_cast<double>(opened.value()->name_sets()->bytes()) / 1e6);

   if (kept_db.empty())
      std::printf("directory_search through the kernel command path, %zu + %zu contacts (imported in %.1f s)\n", rows,
                  other_rows, import_s);
   else
      std::printf("directory_search through the kernel command path, %zu + %zu contacts (kept book %s)\n", rows,
                  other_rows, kept_db.c_str());
   std::printf("%-10s %-8s %8s %8s %8s %8s %9s %8s %8s %8s %8s %8s %8s %8s %8s\n", "kind", "tenant", "p50", "p95",
               "p99", "max", "bytes", "cpu p50", "cpu p99", "warm p50", "warm p99", "srch p50", "srch p99", "page p50",
               "page p99");
   for (const std::string kind : {"prefix2", "prefix3", "two_terms", "number"}) {
      for (const std::string tenant : {"DEFAULT", "Hotel"}) {
         std::vector<double> ms, cpu_ms, search_ms, page_ms, warm_ms;
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
            time_parts(sync.db(), q, tenant, search_ms, page_ms);
            // The whole request again, as warm as the parts: the command path is about warm - srch.
            const double w = thread_cpu_ms();
            const std::string again =
                kernel::answer_directory(nlohmann::json::parse(in), &sync, no_lamps, nullptr).dump();
            warm_ms.push_back(thread_cpu_ms() - w);
         }
         std::sort(ms.begin(), ms.end());
         std::sort(cpu_ms.begin(), cpu_ms.end());
         std::sort(search_ms.begin(), search_ms.end());
         std::sort(page_ms.begin(), page_ms.end());
         std::sort(warm_ms.begin(), warm_ms.end());
         const auto at = [](const std::vector<double> &v, std::size_t percent) {
            return v.empty() ? -1.0 : v[v.size() * percent / 100];
         };
         std::printf("%-10s %-8s %8.3f %8.3f %8.3f %8.3f %9zu %8.3f %8.3f %8.3f %8.3f %8.3f %8.3f %8.3f %8.3f\n",
                     kind.c_str(), tenant.c_str(), at(ms, 50), at(ms, 95), at(ms, 99), ms.back(), bytes / ms.size(),
                     at(cpu_ms, 50), at(cpu_ms, 99), at(warm_ms, 50), at(warm_ms, 99), at(search_ms, 50),
                     at(search_ms, 99), at(page_ms, 50), at(page_ms, 99));
      }
   }
   std::printf("(ms per request: parse, search, answer JSON, dump; the client plugin's transport is not included;\n"
               " warm, srch, page: thread CPU of the request, of search() and of reading its page's contacts,\n"
               " each run again after it)\n");
   if (!kept_db.empty()) return 0;
   if (std::getenv("KEEP")) std::printf("kept %s\n", (dir / "directory.db").c_str());
   else fs::remove_all(dir);
   return 0;
}
