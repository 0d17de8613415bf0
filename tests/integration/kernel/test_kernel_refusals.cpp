// SPDX-License-Identifier: GPL-3.0-or-later
#include <catch2/catch.hpp>

#include "kernel_fixture.h"

using portier::test::KernelRig;

TEST_CASE("plugins failing the load checks are refused with one line each while the rest runs")
{
   KernelRig rig(R"(
plugins:
  load:
    - id: future
      file: fault-abi-major-2
    - id: tiny
      file: fault-small-descriptor
    - id: needy
      file: fault-unknown-service
    - id: probe
      file: probe
)");
   REQUIRE(rig.kernel->prepare().empty());
   rig.kernel->start();
   const auto future = rig.plugin("future");
   CHECK(future.state == "failed");
   CHECK_THAT(future.reason, Catch::StartsWith("plugin 'future': ") && Catch::Contains("ABI major 2"));
   const auto tiny = rig.plugin("tiny");
   CHECK(tiny.state == "failed");
   CHECK_THAT(tiny.reason, Catch::StartsWith("plugin 'tiny': ") && Catch::Contains("smaller than the 1.0 descriptor"));
   const auto needy = rig.plugin("needy");
   CHECK(needy.state == "failed");
   CHECK_THAT(needy.reason, Catch::StartsWith("plugin 'needy': ") && Catch::Contains("portier.host.nope/1"));
   for (const auto &st : rig.kernel->status()) {
      CHECK(st.reason.find('\n') == std::string::npos);
   }
   CHECK(rig.plugin("probe").state == "running");
}

TEST_CASE("a missing plugin file is refused naming the folders searched")
{
   KernelRig rig(R"(
plugins:
  load:
    - id: ghost
      file: no-such-plugin
)");
   REQUIRE(rig.kernel->prepare().empty());
   rig.kernel->start();
   CHECK(rig.plugin("ghost").state == "failed");
   CHECK_THAT(rig.plugin("ghost").reason,
              Catch::StartsWith("plugin 'ghost': file 'no-such-plugin' not found (searched: "));
}

TEST_CASE("a library whose descriptor id differs from the configured id is refused")
{
   KernelRig rig(R"(
plugins:
  load:
    - id: other
      file: probe
)");
   REQUIRE(rig.kernel->prepare().empty());
   rig.kernel->start();
   CHECK(rig.plugin("other").state == "failed");
   CHECK(rig.plugin("other").reason ==
         "plugin 'other': the library declares id 'probe', but the configuration names it 'other'");
}
