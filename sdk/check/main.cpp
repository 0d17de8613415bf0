// SPDX-License-Identifier: MIT
// portier-plugin-check: the SDK's conformance kit (sdk-abi.md 3.15).
//   portier-plugin-check PLUGIN.so [--config JSON | --config-file F] [--json] [--run-ms N]
//                        [--served ID]...
// Exit status: 0 nothing failed, 1 something failed, 2 usage or I/O error.
#include <sys/stat.h>

#include <charconv>
#include <filesystem>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <optional>
#include <sstream>

#include <nlohmann/json.hpp>

#include "child_runner.h"
#include "report.h"
#include "scenarios.h"

namespace {

using namespace portier::check;

constexpr int kScenarioTimeoutMs = 10000;
constexpr int kMaxRunMs = 60000;
constexpr size_t kMaxConfigFile = 1024 * 1024;

const char kUsage[] =
   "usage: portier-plugin-check PLUGIN.so [--config JSON | --config-file F] [--json]\n"
   "                            [--run-ms N] [--served ID]...\n"
   "Runs the Portier SDK conformance checks on a plugin and prints a report.\n"
   "  --config JSON      the configuration (settings object) to use, default {}\n"
   "  --config-file F    read the configuration from F\n"
   "  --json             print the report as JSON\n"
   "  --run-ms N         how long each started instance runs, default 300\n"
   "  --served ID        a host service id the core serves (repeatable),\n"
   "                     default portier.host.client/1\n"
   "Exit status: 0 all checks passed, 1 a check failed, 2 usage or I/O error.\n";

struct Args {
   CheckOptions options;
   bool json = false;
};

int usage_error(const std::string &why)
{
   std::cerr << "portier-plugin-check: " << why << "\n" << kUsage;
   return 2;
}

std::optional<std::string> read_small_file(const std::string &path)
{
   std::ifstream in(path, std::ios::binary);
   if (!in) {
      return std::nullopt;
   }
   std::string text;
   char chunk[4096];
   while (in.read(chunk, sizeof chunk) || in.gcount() > 0) {
      text.append(chunk, static_cast<size_t>(in.gcount()));
      if (text.size() > kMaxConfigFile) {
         return std::nullopt;
      }
   }
   return text;
}

// Returns 0 and fills `args`, or the exit status of a usage error.
int parse_args(int argc, char **argv, Args &args)
{
   bool served_given = false;
   bool config_given = false;
   std::optional<std::string> plugin;
   for (int i = 1; i < argc; ++i) {
      const std::string a = argv[i];
      auto value = [&](const char *flag) -> std::optional<std::string> {
         if (i + 1 >= argc) {
            return std::nullopt;
         }
         (void)flag;
         return std::string(argv[++i]);
      };
      if (a == "-h" || a == "--help") {
         std::cout << kUsage;
         return -1;
      } else if (a == "--json") {
         args.json = true;
      } else if (a == "--config" || a == "--config-file") {
         const auto v = value(a.c_str());
         if (!v) {
            return usage_error(a + " needs a value");
         }
         if (config_given) {
            return usage_error("give the configuration once, with --config or --config-file");
         }
         config_given = true;
         if (a == "--config") {
            args.options.config = *v;
         } else {
            const auto text = read_small_file(*v);
            if (!text) {
               return usage_error("cannot read the config file " + *v + " (missing, unreadable or over 1 MiB)");
            }
            args.options.config = *text;
         }
      } else if (a == "--run-ms") {
         const auto v = value("--run-ms");
         int ms = -1;
         if (!v || std::from_chars(v->data(), v->data() + v->size(), ms).ec != std::errc() || ms < 0 ||
             ms > kMaxRunMs) {
            return usage_error("--run-ms needs a number of milliseconds, 0.." + std::to_string(kMaxRunMs));
         }
         args.options.run_ms = ms;
      } else if (a == "--served") {
         const auto v = value("--served");
         if (!v) {
            return usage_error("--served needs a service id");
         }
         if (!served_given) {
            args.options.served.clear();
            served_given = true;
         }
         args.options.served.push_back(*v);
      } else if (!a.empty() && a[0] == '-') {
         return usage_error("unknown option " + a);
      } else if (plugin) {
         return usage_error("one plugin at a time (got " + *plugin + " and " + a + ")");
      } else {
         plugin = a;
      }
   }
   if (!plugin) {
      return usage_error("no plugin given");
   }
   struct stat st;
   if (::stat(plugin->c_str(), &st) != 0 || !S_ISREG(st.st_mode)) {
      return usage_error("cannot read " + *plugin + " (no such file)");
   }
   if (!nlohmann::json::accept(args.options.config)) {
      return usage_error("the given configuration is not valid JSON");
   }
   // dlopen() treats a name without '/' as a library to search for, not a file here.
   args.options.plugin_path = std::filesystem::absolute(*plugin).lexically_normal().string();
   return 0;
}

}  // namespace

int main(int argc, char **argv)
{
   Args args;
   if (const int rc = parse_args(argc, argv, args); rc != 0) {
      return rc < 0 ? 0 : rc;
   }
   std::cout.flush();
   std::cerr.flush();

   Report report;
   report.file = args.options.plugin_path;
   bool usable = false;
   for (const auto &scenario : all_scenarios()) {
      if (scenario.needs_usable_descriptor && !usable) {
         report.checks.push_back({scenario.name, Result::Warn,
                                  "skipped: the descriptor cannot be driven (see the failures above)"});
         continue;
      }
      auto outcome = run_in_child(scenario, args.options, kScenarioTimeoutMs);
      if (outcome.descriptor) {
         report.descriptor = *outcome.descriptor;
         usable = outcome.usable_descriptor;
      }
      for (auto &line : outcome.lines) {
         report.checks.push_back(std::move(line));
      }
   }

   std::cout << (args.json ? format_json(report) : format_text(report));
   std::cout.flush();
   return count(report, Result::Fail) > 0 ? 1 : 0;
}
