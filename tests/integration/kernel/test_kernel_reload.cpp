// SPDX-License-Identifier: GPL-3.0-or-later
#include <catch2/catch.hpp>

#include "kernel_fixture.h"

using portier::test::KernelRig;
using portier::test::make_config;

namespace {

std::string with_trace(std::string yaml, const KernelRig &rig)
{
   for (std::size_t at; (at = yaml.find("@TRACE@")) != std::string::npos;) {
      yaml.replace(at, 7, rig.trace_file.string());
   }
   return yaml;
}

const char *kRunning = R"(
plugins:
  load:
    - id: probe
      file: probe
      settings: { trace: "@TRACE@" }
)";

}  // namespace

TEST_CASE("a reload whose plugin settings are rejected changes nothing")
{
   KernelRig rig(kRunning);
   REQUIRE(rig.kernel->prepare().empty());
   rig.kernel->start();
   const auto before = rig.kernel->status();
   const auto result = rig.kernel->reload(make_config(with_trace(R"(
plugins:
  load:
    - id: probe
      file: probe
      settings: { trace: "@TRACE@", reject: true }
    - id: probe-two
      file: probe-two
)", rig), rig.dir.path));
   CHECK_FALSE(result.applied);
   REQUIRE(result.errors.size() == 1);
   CHECK(result.errors[0] == "test.yaml:6:17: plugin 'probe': settings.reject: refused on request");
   CHECK(rig.kernel->status().size() == before.size());
   CHECK(rig.plugin("probe").state == "running");
   CHECK(rig.kernel->config().plugins[0].settings_json.find("reject") == std::string::npos);
   CHECK(rig.trace_lines() == std::vector<std::string>{"start probe"});
}

TEST_CASE("a reload naming a plugin that cannot load changes nothing")
{
   KernelRig rig(kRunning);
   REQUIRE(rig.kernel->prepare().empty());
   rig.kernel->start();
   const auto result = rig.kernel->reload(make_config(with_trace(R"(
plugins:
  load:
    - id: probe
      file: probe
      settings: { trace: "@TRACE@" }
    - id: future
      file: fault-abi-major-2
)", rig), rig.dir.path));
   CHECK_FALSE(result.applied);
   REQUIRE(result.errors.size() == 1);
   CHECK_THAT(result.errors[0], Catch::StartsWith("test.yaml:7:7: plugin 'future': "));
   CHECK(rig.kernel->status().size() == 1);
}

TEST_CASE("a reload reconfigures changed settings in place, starts new plugins and stops removed ones")
{
   KernelRig rig(R"(
plugins:
  load:
    - id: probe
      file: probe
      settings: { trace: "@TRACE@" }
    - id: probe-client
      file: probe-client
      settings: { trace: "@TRACE@" }
)");
   REQUIRE(rig.kernel->prepare().empty());
   rig.kernel->start();
   const auto result = rig.kernel->reload(make_config(with_trace(R"(
plugins:
  load:
    - id: probe
      file: probe
      settings: { trace: "@TRACE@", tick_ms: 5 }
    - id: probe-two
      file: probe-two
      settings: { trace: "@TRACE@" }
)", rig), rig.dir.path));
   CHECK(result.applied);
   CHECK(result.changes ==
         std::vector<std::string>{"stopped 'probe-client'", "reconfigured 'probe'", "started 'probe-two'"});
   CHECK(rig.trace_lines() == std::vector<std::string>{"start probe", "start probe-client", "stop probe-client",
                                                       "reconfigure probe", "start probe-two"});
   CHECK(rig.kernel->status().size() == 2);
   CHECK(rig.plugin("probe-two").state == "running");
}

TEST_CASE("a plugin that cannot apply settings in place is restarted with them")
{
   KernelRig rig(kRunning);
   REQUIRE(rig.kernel->prepare().empty());
   rig.kernel->start();
   const auto result = rig.kernel->reload(make_config(with_trace(R"(
plugins:
  load:
    - id: probe
      file: probe
      settings: { trace: "@TRACE@", restart: true }
)", rig), rig.dir.path));
   CHECK(result.applied);
   CHECK(result.changes == std::vector<std::string>{"restarted 'probe' to apply its settings"});
   CHECK(rig.trace_lines() == std::vector<std::string>{"start probe", "stop probe", "start probe"});
   CHECK(rig.plugin("probe").state == "running");
}

TEST_CASE("disabling a plugin by reload stops it and enabling it again starts it")
{
   KernelRig rig(kRunning);
   REQUIRE(rig.kernel->prepare().empty());
   rig.kernel->start();
   auto off = rig.kernel->reload(make_config(with_trace(R"(
plugins:
  load:
    - id: probe
      file: probe
      enabled: false
      settings: { trace: "@TRACE@" }
)", rig), rig.dir.path));
   CHECK(off.applied);
   CHECK(rig.plugin("probe").state == "stopped");
   CHECK(rig.plugin("probe").reason == "disabled in the configuration");
   auto on = rig.kernel->reload(make_config(with_trace(kRunning, rig), rig.dir.path));
   CHECK(on.applied);
   CHECK(rig.plugin("probe").state == "running");
   CHECK(rig.trace_lines() == std::vector<std::string>{"start probe", "stop probe", "start probe"});
}

TEST_CASE("settings that need a restart of portierd make a reload change nothing")
{
   KernelRig rig(kRunning);
   REQUIRE(rig.kernel->prepare().empty());
   rig.kernel->start();
   auto next = make_config(with_trace(std::string(kRunning) + "system:\n  engine_queue: 128\n", rig), rig.dir.path);
   const auto result = rig.kernel->reload(next);
   CHECK_FALSE(result.applied);
   REQUIRE(result.errors.size() == 1);
   CHECK_THAT(result.errors[0], Catch::Contains("system.engine_queue changed; that takes a restart"));
}
