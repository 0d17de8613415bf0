// SPDX-License-Identifier: GPL-3.0-or-later
// Several instances of one plugin library: one mapping, one create per entry, each instance on
// its own settings; the checks on `plugin` and on single-instance libraries.
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "kernel/check.h"
#include "kernel_fixture.h"

using portier::test::KernelRig;
using portier::test::make_config;

namespace {

std::string with_instance_trace(std::string yaml, const KernelRig &rig)
{
   for (std::size_t at; (at = yaml.find("@TRACE@")) != std::string::npos;) {
      yaml.replace(at, 7, rig.trace_file.string());
   }
   return yaml;
}

std::vector<std::string> trace_file_lines(const std::filesystem::path &file)
{
   std::vector<std::string> lines;
   std::ifstream in(file);
   for (std::string line; std::getline(in, line);) lines.push_back(line);
   return lines;
}

// A portier.yaml in `dir` whose plugins section searches the probes' folder, then `rest` (from
// line 3 on, so the checks' line numbers count from there).
std::filesystem::path probe_config(const portier::test::TempDir &dir, const std::string &rest)
{
   const auto file = dir.path / "portier.yaml";
   std::ofstream out(file);
   out << "plugins:\n"
          "  search_path: [\"" PROBE_DIR "\"]\n"
       << rest;
   return file;
}

// Two instances of the probe library, each tracing into its own file.
const char *kTwoProbeInstances = R"(
plugins:
  load:
    - id: probe-a
      plugin: probe
      file: probe
      settings: { trace: "@TRACE@.a" }
    - id: probe-b
      plugin: probe
      file: probe
      settings: { trace: "@TRACE@.b" }
)";

}  // namespace

TEST_CASE("two entries naming one library run as two instances of one mapping")
{
   KernelRig rig(kTwoProbeInstances);
   REQUIRE(rig.kernel->prepare().empty());
   rig.kernel->start();
   const auto *a = rig.kernel->find("probe-a");
   const auto *b = rig.kernel->find("probe-b");
   REQUIRE(a != nullptr);
   REQUIRE(b != nullptr);
   CHECK(a->phase == portier::kernel::Phase::started);
   CHECK(b->phase == portier::kernel::Phase::started);
   // Mapped once: both slots read the library's one descriptor; created twice: two instances.
   CHECK(a->library->raw == b->library->raw);
   CHECK(a->instance != b->instance);
   CHECK(a->generation != b->generation);
   // Each instance got its own settings (its own trace file).
   CHECK(trace_file_lines(rig.trace_file.string() + ".a") == std::vector<std::string>{"start probe"});
   CHECK(trace_file_lines(rig.trace_file.string() + ".b") == std::vector<std::string>{"start probe"});
   // Status shows the instance id and the library's plugin id.
   CHECK(rig.plugin("probe-a").plugin == "probe");
   CHECK(rig.plugin("probe-b").plugin == "probe");
   CHECK(rig.plugin("probe-a").state == "running");
   CHECK(rig.plugin("probe-b").state == "running");
}

TEST_CASE("an entry whose plugin is not the library's id is refused naming both")
{
   KernelRig rig(R"(
plugins:
  load:
    - id: phonebook
      plugin: directory.csv
      file: probe
)");
   REQUIRE(rig.kernel->prepare().empty());
   rig.kernel->start();
   CHECK(rig.plugin("phonebook").state == "failed");
   CHECK(rig.plugin("phonebook").reason ==
         "plugin 'phonebook': the library declares id 'probe', but the configuration names it "
         "'directory.csv'");
   CHECK(rig.plugin("phonebook").plugin == "directory.csv");
}

TEST_CASE("a second instance of a single-instance library fails and the first runs")
{
   KernelRig rig(R"(
plugins:
  load:
    - id: probe-single
      file: probe-single
    - id: second
      plugin: probe-single
      file: probe-single
    - id: probe
      file: probe
)");
   REQUIRE(rig.kernel->prepare().empty());
   rig.kernel->start();
   CHECK(rig.plugin("probe-single").state == "running");
   CHECK(rig.plugin("probe").state == "running");
   CHECK(rig.plugin("second").state == "failed");
   CHECK(rig.plugin("second").reason ==
         "plugin 'second': library 'probe-single' declares itself single-instance (feature "
         "'single-instance') and already has the instance 'probe-single'");
}

TEST_CASE("a disabled second entry of a single-instance library is no error")
{
   KernelRig rig(R"(
plugins:
  load:
    - id: probe-single
      file: probe-single
    - id: spare
      plugin: probe-single
      file: probe-single
      enabled: false
)");
   REQUIRE(rig.kernel->prepare().empty());
   rig.kernel->start();
   CHECK(rig.plugin("probe-single").state == "running");
   CHECK(rig.plugin("spare").state == "stopped");
}

TEST_CASE("a reload adding a second instance of a single-instance library changes nothing")
{
   KernelRig rig(R"(
plugins:
  load:
    - id: probe-single
      file: probe-single
)");
   REQUIRE(rig.kernel->prepare().empty());
   rig.kernel->start();
   const auto result = rig.kernel->reload(make_config(R"(
plugins:
  load:
    - id: probe-single
      file: probe-single
    - id: second
      plugin: probe-single
      file: probe-single
)", rig.dir.path));
   CHECK_FALSE(result.applied);
   REQUIRE(result.errors.size() == 1);
   CHECK(result.errors[0] ==
         "test.yaml:6:7: plugin 'second': library 'probe-single' declares itself single-instance "
         "(feature 'single-instance') and already has the instance 'probe-single'");
   CHECK(rig.kernel->find("second") == nullptr);
   CHECK(rig.plugin("probe-single").state == "running");
}

TEST_CASE("a reload changing one instance's settings reconfigures only that instance")
{
   KernelRig rig(kTwoProbeInstances);
   REQUIRE(rig.kernel->prepare().empty());
   rig.kernel->start();
   const auto b_before = rig.plugin("probe-b");
   const std::uint64_t b_generation = rig.kernel->find("probe-b")->generation;
   const auto result = rig.kernel->reload(make_config(with_instance_trace(R"(
plugins:
  load:
    - id: probe-a
      plugin: probe
      file: probe
      settings: { trace: "@TRACE@.a", tick_ms: 1000 }
    - id: probe-b
      plugin: probe
      file: probe
      settings: { trace: "@TRACE@.b" }
)", rig), rig.dir.path));
   REQUIRE(result.applied);
   CHECK(result.changes == std::vector<std::string>{"reconfigured 'probe-a'"});
   CHECK(trace_file_lines(rig.trace_file.string() + ".a") == std::vector<std::string>{"start probe", "reconfigure probe"});
   CHECK(trace_file_lines(rig.trace_file.string() + ".b") == std::vector<std::string>{"start probe"});
   CHECK(rig.kernel->find("probe-a")->entry.settings_json.find("tick_ms") != std::string::npos);
   CHECK(rig.kernel->find("probe-b")->entry.settings_json.find("tick_ms") == std::string::npos);
   CHECK(rig.kernel->find("probe-b")->generation == b_generation);
   CHECK(rig.plugin("probe-b").since == b_before.since);
}

TEST_CASE("a reload pointing an instance at another library restarts only that instance")
{
   KernelRig rig(kTwoProbeInstances);
   REQUIRE(rig.kernel->prepare().empty());
   rig.kernel->start();
   const std::uint64_t b_generation = rig.kernel->find("probe-b")->generation;
   const auto result = rig.kernel->reload(make_config(with_instance_trace(R"(
plugins:
  load:
    - id: probe-a
      plugin: probe-two
      file: probe-two
      settings: { trace: "@TRACE@.a" }
    - id: probe-b
      plugin: probe
      file: probe
      settings: { trace: "@TRACE@.b" }
)", rig), rig.dir.path));
   REQUIRE(result.applied);
   CHECK(rig.plugin("probe-a").plugin == "probe-two");
   CHECK(rig.plugin("probe-a").state == "running");
   CHECK(trace_file_lines(rig.trace_file.string() + ".a") ==
         std::vector<std::string>{"start probe", "stop probe", "start probe-two"});
   CHECK(rig.kernel->find("probe-b")->generation == b_generation);
}

TEST_CASE("portier check reports a second instance of a single-instance library at its entry")
{
   portier::test::TempDir dir;
   const auto file = probe_config(dir,
                                   "  load:\n"
                                   "    - id: probe-single\n"
                                   "      file: probe-single\n"
                                   "    - id: second\n"
                                   "      plugin: probe-single\n"
                                   "      file: probe-single\n"
                                   "    - id: probe-a\n"
                                   "      plugin: probe\n"
                                   "      file: probe\n"
                                   "    - id: probe-b\n"
                                   "      plugin: probe\n"
                                   "      file: probe\n");
   const auto errors = portier::kernel::check_config(file);
   REQUIRE(errors.size() == 1);
   CHECK(errors[0].to_string() ==
         file.string() +
             ":6:7: plugin 'second': library 'probe-single' declares itself single-instance "
             "(feature 'single-instance') and already has the instance 'probe-single'");
}

TEST_CASE("portier check reports a directory source naming a plugin that is not of kind directory at its plugin value")
{
   portier::test::TempDir dir;
   const auto file = probe_config(dir,
                                   "  load:\n"
                                   "    - id: probe\n"
                                   "      file: probe\n"
                                   "    - id: probe-client\n"
                                   "      file: probe-client\n"
                                   "directory:\n"
                                   "  database: " + (dir.path / "directory.db").string() + "\n"
                                   "  sources:\n"
                                   "    - plugin: probe\n"
                                   "    - plugin: probe-client\n");
   const auto errors = portier::kernel::check_config(file);
   REQUIRE(errors.size() == 2);
   CHECK(errors[0].to_string() == file.string() +
                                      ":11:15: directory.sources[0].plugin: 'probe' is a plugin of kind 'service', "
                                      "not directory (nor a pbx plugin offering portier.pbx.sync/1)");
   CHECK(errors[1].to_string().starts_with(file.string() + ":12:15: directory.sources[1].plugin: 'probe-client' is a "
                                                            "plugin of kind 'client'"));
}

TEST_CASE("portier check reports a presence plugin that is not of kind presence at its plugin value")
{
   portier::test::TempDir dir;
   const auto file = probe_config(dir,
                                   "  load:\n"
                                   "    - id: probe\n"
                                   "      file: probe\n"
                                   "presence:\n"
                                   "  plugin: probe\n"
                                   "  tenants: \"*\"\n");
   const auto errors = portier::kernel::check_config(file);
   REQUIRE(errors.size() == 1);
   CHECK(errors[0].to_string() ==
         file.string() + ":7:11: presence.plugin: 'probe' is a plugin of kind 'service', not presence");
}
