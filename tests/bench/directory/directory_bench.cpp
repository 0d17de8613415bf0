// SPDX-License-Identifier: GPL-3.0-or-later
// directory_bench: the phone book at a million contacts beside the FTS5 reference
// (shared/bench-reference/fts) in the same run: import time, database size, and the latency of a
// ranked first page for the reference's query kinds. Figures only, no pass or fail.
//   directory_bench [ROWS=1000000] [QUERIES=1000] [--no-reference] [--db FILE] [--warm N] [--prefault]
//                   [--slowest K] [--fts-only]
// --db FILE searches a book kept by an earlier run (KEEP=1) of the same ROWS instead of importing
// one: the queries come from the same seeded book, so query work can be timed in seconds.
// --warm N first runs N untimed queries of every kind from other seeds: a running portierd's
// state (the book's pages mapped, statements prepared) instead of a fresh process's first touches.
// --prefault reads every page of the indexes and bodies once before timing: the pages a portierd
// that has served for a while has mapped, which a few hundred warm queries do not all touch.
// --slowest K prints each kind's K slowest queries (thread CPU), each timed again: what a tail is
// made of, and whether it was the first touch of the book's pages.
// --fts-only leaves out the names in memory (core/directory/name_sets.h) that portierd's directory
// worker reads after each import, so searches of several words go to FTS5 as they did before.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <random>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>
#include <sqlite3.h>
#include <sys/resource.h>
#include <time.h>

#include "directory/apply_source.h"
#include "directory/name_sets.h"
#include "directory/directory_db.h"
#include "directory/search.h"
#include "directory/statement.h"
#include "csv_parse_figure.h"
#include "generated_book.h"

using namespace portier::directory;
namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

namespace {

double seconds_since(Clock::time_point start) { return std::chrono::duration<double>(Clock::now() - start).count(); }

// CPU seconds of the process (user + system): on a shared machine the wall clock also counts
// the time other processes held the CPU, so both are printed.
double process_cpu_s() {
   rusage usage{};
   getrusage(RUSAGE_SELF, &usage);
   return static_cast<double>(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) +
          static_cast<double>(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
}

double thread_cpu_ms() {
   timespec now{};
   clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now);
   return static_cast<double>(now.tv_sec) * 1e3 + static_cast<double>(now.tv_nsec) / 1e6;
}

struct Latency {
   double p50 = 0, p95 = 0, p99 = 0, max = 0, avg_hits = 0;
   std::size_t n = 0;
};

Latency summary(std::vector<double> ms, std::size_t hits) {
   std::sort(ms.begin(), ms.end());
   Latency l;
   l.n = ms.size();
   if (ms.empty()) return l;
   l.p50 = ms[ms.size() / 2];
   l.p95 = ms[ms.size() * 95 / 100];
   l.p99 = ms[ms.size() * 99 / 100];
   l.max = ms.back();
   l.avg_hits = static_cast<double>(hits) / static_cast<double>(ms.size());
   return l;
}

portier::numbers::NumberPlan munich() {
   portier::numbers::NumberPlan plan;
   plan.country_code = "49";
   plan.area_code = "89";
   plan.trunk_code = "0";
   plan.max_extension_length = 5;
   plan.access_codes = {"0", "0", "00", ""};
   plan.trunks = {{"7007", "", ""}};
   return plan;
}

double file_mb(const fs::path &path) {
   std::error_code error;
   const auto size = fs::file_size(path, error);
   return error ? 0.0 : static_cast<double>(size) / (1024.0 * 1024.0);
}

// The reference script's JSON output, or an empty object when it cannot run.
nlohmann::json run_reference(const fs::path &dir, std::size_t rows, std::size_t queries) {
   const char *env = std::getenv("PORTIER_BENCH_REFERENCE");
   const fs::path script = fs::path(env ? env : PORTIER_BENCH_REFERENCE) / "fts" / "fts_bench.py";
   if (!fs::exists(script) || std::system("command -v python3 >/dev/null 2>&1") != 0) {
      std::printf("reference: %s or python3 not found, skipped\n", script.c_str());
      return nlohmann::json::object();
   }
   fs::create_directories(dir);
   const std::string command = "cd '" + dir.string() + "' && python3 '" + script.string() + "' " +
                               std::to_string(rows) + " " + std::to_string(queries);
   std::printf("reference: %s\n", command.c_str());
   std::fflush(stdout);
   std::string output;
   if (FILE *pipe = popen(command.c_str(), "r")) {
      char buffer[4096];
      std::size_t n;
      while ((n = std::fread(buffer, 1, sizeof buffer, pipe)) > 0) output.append(buffer, n);
      pclose(pipe);
   }
   nlohmann::json result = nlohmann::json::parse(output, nullptr, false);
   if (result.is_discarded()) {
      std::printf("reference: output is not JSON:\n%s\n", output.c_str());
      return nlohmann::json::object();
   }
   return result;
}

double ref_figure(const nlohmann::json &ref, const std::string &query, const char *field) {
   if (!ref.contains("queries") || !ref["queries"].contains(query)) return -1;
   return ref["queries"][query].value(field, -1.0);
}

// Imports the book, then re-runs it with 300 changes and once more with every rowid reassigned,
// printing each figure. False when the import fails.
bool import_book(DirectoryDb &db, bench::GeneratedBook &book, const fs::path &dir, double &import_s, double &db_mb) {
   Clock::time_point start;
   const portier::numbers::NumberPlan plan = munich();
   ApplyOptions options;
   options.plan = &plan;
   options.policy.keys = {DedupKey::email, DedupKey::extension};
   start = Clock::now();
   double cpu_start = process_cpu_s();
   const auto imported = apply_source(db, "bench", book.rows, options);
   import_s = seconds_since(start);
   const double import_cpu_s = process_cpu_s() - cpu_start;
   if (!imported) {
      std::fprintf(stderr, "import: %s\n", imported.error().what.c_str());
      return false;
   }
   execute(db.handle(), "PRAGMA wal_checkpoint(TRUNCATE)");
   db_mb = file_mb(dir / "directory.db");
   const bench::CsvParseFigure csv = bench::time_csv_parse(book.rows, dir / "book.csv");
   fs::remove(dir / "book.csv");

   // A nightly re-run: the whole source again with 100 renamed, 100 new and 100 gone.
   for (std::size_t i = 0; i < 100; ++i) book.rows[i * 7].name.family += "son";
   book.rows.erase(book.rows.end() - 100, book.rows.end());
   for (std::size_t i = 0; i < 100; ++i) {
      Contact c = book.rows[i];
      c.source_id = "new" + std::to_string(i);
      c.name.family = "Zz" + c.name.family;
      book.rows.push_back(std::move(c));
   }
   start = Clock::now();
   cpu_start = process_cpu_s();
   const auto rerun = apply_source(db, "bench", book.rows, options);
   const double rerun_s = seconds_since(start);
   const double rerun_cpu_s = process_cpu_s() - cpu_start;
   // The same changes forced through one renumbering pass, for the cost of reassigning rowids.
   for (std::size_t i = 0; i < 100; ++i) book.rows[i * 7].name.family += "x";
   ApplyOptions renumbering = options;
   renumbering.renumber_above = 0;
   start = Clock::now();
   cpu_start = process_cpu_s();
   const auto renumbered = apply_source(db, "bench", book.rows, renumbering);
   const double renumber_s = seconds_since(start);
   const double renumber_cpu_s = process_cpu_s() - cpu_start;

   std::printf("\nPortier phone book, %zu contacts\n", book.rows.size());
   std::printf("  import (apply_source, one transaction): %.1f s wall, %.1f s CPU; database %.1f MB\n", import_s,
               import_cpu_s, db_mb);
   std::printf("  CSV parse (directory.csv's reader, %.1f MB, %zu rows): %.1f s wall, %.1f s CPU; "
               "CSV parse + import: %.1f s wall, %.1f s CPU\n",
               csv.file_mb, csv.rows, csv.seconds, csv.cpu_seconds, csv.seconds + import_s,
               csv.cpu_seconds + import_cpu_s);
   if (rerun)
      std::printf("  re-run with 300 changes placed in rank gaps: %.2f s wall, %.2f s CPU (added %zu, updated %zu, "
                  "deleted %zu, renumbered %s)\n",
                  rerun_s, rerun_cpu_s, rerun->added, rerun->updated, rerun->deleted, rerun->renumbered ? "yes" : "no");
   if (renumbered)
      std::printf("  re-run with 100 changes and every rowid reassigned: %.2f s wall, %.2f s CPU\n", renumber_s,
                  renumber_cpu_s);

   return true;
}

}  // namespace

int main(int argc, char **argv) {
   std::size_t rows = 1'000'000, queries = 1000;
   bool reference = true;
   std::string kept_db;
   std::size_t warm = 0, slowest = 0;
   bool prefault = false, fts_only = false;
   std::vector<std::string> numbers;
   for (int i = 1; i < argc; ++i) {
      const std::string arg = argv[i];
      if (arg == "--no-reference") reference = false;
      else if (arg == "--db" && i + 1 < argc) kept_db = argv[++i];
      else if (arg == "--warm" && i + 1 < argc) warm = std::strtoull(argv[++i], nullptr, 10);
      else if (arg == "--prefault") prefault = true;
      else if (arg == "--fts-only") fts_only = true;
      else if (arg == "--slowest" && i + 1 < argc) slowest = std::strtoull(argv[++i], nullptr, 10);
      else numbers.push_back(arg);
   }
   if (numbers.size() > 0) rows = std::strtoull(numbers[0].c_str(), nullptr, 10);
   if (numbers.size() > 1) queries = std::strtoull(numbers[1].c_str(), nullptr, 10);
   if (rows < 1000 || queries < 10) {
      std::fprintf(stderr, "usage: directory_bench [ROWS>=1000] [QUERIES>=10] [--no-reference] [--db FILE] [--warm N] "
                   "[--prefault] [--slowest K] [--fts-only]\n");
      return 2;
   }
   char dir_template[] = "/tmp/directory_bench.XXXXXX";
   if (!mkdtemp(dir_template)) return 1;
   const fs::path dir = dir_template;

   std::mt19937_64 random(42);
   auto start = Clock::now();
   bench::GeneratedBook book = bench::generate_book(rows, random);
   std::printf("generated %zu contacts in %.1f s\n", rows, seconds_since(start));

   auto opened = DirectoryDb::open(kept_db.empty() ? (dir / "directory.db").string() : kept_db);
   if (!opened) {
      std::fprintf(stderr, "%s\n", opened.error().what.c_str());
      return 1;
   }
   DirectoryDb &db = *opened.value();
   double import_s = 0, db_mb = 0;
   if (kept_db.empty() && !import_book(db, book, dir, import_s, db_mb)) return 1;
   if (!kept_db.empty()) std::printf("\nsearching the kept book %s (no import)\n", kept_db.c_str());

   // As in portierd, whose directory worker reads the names into memory after each import.
   if (!fts_only) {
      const auto t = Clock::now();
      const double c = thread_cpu_ms();
      auto sets = build_name_sets(db);
      if (!sets) {
         std::fprintf(stderr, "names in memory: %s\n", sets.error().what.c_str());
         return 1;
      }
      std::printf("names read into memory in %.2f s wall, %.2f s CPU: %.1f MB, %zu name terms, %zu sound codes\n",
                  seconds_since(t), (thread_cpu_ms() - c) / 1e3, static_cast<double>(sets.value()->bytes()) / 1e6,
                  sets.value()->names.terms.size(), sets.value()->sounds.terms.size());
      db.use_name_sets(sets.value());
   } else {
      std::printf("--fts-only: no names in memory, every search goes to FTS5\n");
   }

   // New kinds go last: each kind's seed is its place here.
   const std::vector<std::string> kinds{"prefix2",   "prefix3", "prefix4", "prefix5",     "prefix7",
                                        "two_terms", "ext3",    "number",  "given_letter"};
   for (std::size_t k = 0; warm > 0 && k < kinds.size(); ++k) {
      std::mt19937_64 warm_random(5000 + k);  // not the timed queries' seeds
      for (const std::string &q : bench::queries_of(kinds[k], book, warm, warm_random)) (void)search(db, q, 20, "");
   }
   if (warm > 0) std::printf("warmed with %zu untimed queries of each kind from other seeds\n", warm);
   if (prefault) {
      // Every page of both indexes and of the bodies, read once through the connection's mapping.
      const auto t = Clock::now();
      if (sqlite3_exec(db.handle(),
                       "SELECT sum(length(block)) FROM name_index_data; SELECT sum(length(block)) FROM "
                       "number_index_data; SELECT sum(length(body)) FROM contacts; SELECT sum(length(body)) FROM "
                       "source_rows",
                       nullptr, nullptr, nullptr) != SQLITE_OK) {
         std::fprintf(stderr, "prefault: %s\n", sqlite3_errmsg(db.handle()));
         return 1;
      }
      std::printf("read every index and body page once in %.2f s\n", seconds_since(t));
   }
   std::map<std::string, Latency> ours, ours_cpu;
   std::map<std::string, std::vector<std::pair<double, std::string>>> slow;  // thread CPU ms, query
   Latency second_page;
   for (std::size_t k = 0; k < kinds.size(); ++k) {
      const std::string &kind = kinds[k];
      // Each kind its own seed: adding a kind leaves the other kinds' queries as they were.
      std::mt19937_64 kind_random(1000 + k);
      const std::vector<std::string> qs = bench::queries_of(kind, book, queries, kind_random);
      std::vector<double> ms, next_ms, cpu_ms;
      std::size_t hits = 0, next_hits = 0;
      for (const std::string &q : qs) {
         const auto t = Clock::now();
         const double c = thread_cpu_ms();
         const auto page = search(db, q, 20, "");
         ms.push_back(seconds_since(t) * 1e3);
         cpu_ms.push_back(thread_cpu_ms() - c);
         if (slowest > 0) slow[kind].emplace_back(cpu_ms.back(), q);
         if (!page) {
            std::fprintf(stderr, "search '%s': %s\n", q.c_str(), page.error().what.c_str());
            return 1;
         }
         hits += page->results.size();
         if (kind == "prefix2" && !page->next_page_token.empty()) {
            const auto t2 = Clock::now();
            const auto next = search(db, q, 20, page->next_page_token);
            next_ms.push_back(seconds_since(t2) * 1e3);
            if (next) next_hits += next->results.size();
         }
      }
      ours[kind] = summary(ms, hits);
      ours_cpu[kind] = summary(cpu_ms, hits);
      if (kind == "prefix2") second_page = summary(next_ms, next_hits);
   }

   nlohmann::json ref = reference ? run_reference(dir / "reference", rows, queries) : nlohmann::json::object();

   std::printf("\nfirst page of 20, ranked, in process (ms)        | reference FTS5, p99 (ms)\n");
   std::printf("%-10s %7s %7s %7s %7s %6s | %12s %12s\n", "kind", "p50", "p95", "p99", "max", "hits", "top20_rowid",
               "top20_bm25");
   const std::map<std::string, std::string> ref_kind{{"prefix2", "prefix2"}, {"prefix3", "prefix3"},
                                                     {"prefix4", ""},        {"prefix5", "prefix5"},
                                                     {"prefix7", ""},        {"two_terms", "two_terms"},        {"given_letter", ""},
                                                     {"ext3", "ext"},        {"number", ""}};
   for (const std::string &kind : kinds) {
      const Latency &l = ours[kind];
      const std::string rk = ref_kind.at(kind);
      std::printf("%-10s %7.3f %7.3f %7.3f %7.3f %6.1f | %12.3f %12.3f\n", kind.c_str(), l.p50, l.p95, l.p99, l.max,
                  l.avg_hits, rk.empty() ? -1.0 : ref_figure(ref, rk + "/top20_rowid", "p99_ms"),
                  rk.empty() ? -1.0 : ref_figure(ref, rk + "/top20_bm25", "p99_ms"));
   }
   std::printf("%-10s %7.3f %7.3f %7.3f %7.3f %6.1f | (second page of prefix2)\n", "prefix2/p2", second_page.p50,
               second_page.p95, second_page.p99, second_page.max, second_page.avg_hits);
   std::printf("\nthe same first pages in thread CPU time (ms): what a query costs without waiting for the CPU\n");
   std::printf("%-10s %7s %7s %7s %7s\n", "kind", "p50", "p95", "p99", "max");
   for (const std::string &kind : kinds) {
      const Latency &l = ours_cpu[kind];
      std::printf("%-10s %7.3f %7.3f %7.3f %7.3f\n", kind.c_str(), l.p50, l.p95, l.p99, l.max);
   }
   for (auto &[kind, timed] : slow) {
      const std::size_t shown = std::min(slowest, timed.size());
      std::partial_sort(timed.begin(), timed.begin() + static_cast<std::ptrdiff_t>(shown), timed.end(),
                        [](const auto &a, const auto &b) { return a.first > b.first; });
      // Each again at once: a query slow only the first time was touching the book's pages.
      std::printf("%s, slowest (thread CPU ms, then again):", kind.c_str());
      for (std::size_t i = 0; i < shown; ++i) {
         const double c = thread_cpu_ms();
         (void)search(db, timed[i].second, 20, "");
         std::printf(" %.3f/%.3f '%s'", timed[i].first, thread_cpu_ms() - c, timed[i].second.c_str());
      }
      std::printf("\n");
   }
   if (ref.contains("insert_s") && kept_db.empty()) {
      const double ref_build = ref.value("insert_s", 0.0) + ref.value("fts_build_s", 0.0) + ref.value("optimize_s", 0.0);
      std::printf("\nbuild: Portier %.1f s (%.2f x reference %.1f s = insert %.1f + fts %.1f + optimize %.1f); "
                  "size: Portier %.1f MB, reference %.1f MB (SQLite %s)\n",
                  import_s, import_s / ref_build, ref_build, ref.value("insert_s", 0.0), ref.value("fts_build_s", 0.0),
                  ref.value("optimize_s", 0.0), db_mb, ref.value("db_mb", 0.0),
                  ref.value("sqlite_version", std::string("?")).c_str());
   }
   std::printf("(-1: no such figure)\n");
   if (!std::getenv("KEEP")) fs::remove_all(dir);
   else std::printf("kept %s\n", dir.c_str());
   return 0;
}
