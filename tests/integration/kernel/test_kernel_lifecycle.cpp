// SPDX-License-Identifier: GPL-3.0-or-later
#include <cstdlib>
#include <fstream>

#include <catch2/catch.hpp>

#include "kernel_fixture.h"

using portier::test::KernelRig;

namespace {

const char *kTwoKinds = R"(
plugins:
  load:
    - id: probe-client
      file: probe-client
      settings: { trace: "@TRACE@" }
    - id: probe
      file: probe
      settings: { trace: "@TRACE@" }
)";

}  // namespace

TEST_CASE("plugins start in dependency order and stop in reverse")
{
   KernelRig rig(kTwoKinds);
   REQUIRE(rig.kernel->prepare().empty());
   rig.kernel->start();
   rig.kernel->stop();
   // The client is listed first but starts last: services and links come before front ends.
   CHECK(rig.trace_lines() ==
         std::vector<std::string>{"start probe", "start probe-client", "stop probe-client", "stop probe"});
   CHECK(rig.plugin("probe").state == "stopped");
}

TEST_CASE("a started plugin is running, with its descriptor in the status")
{
   KernelRig rig(kTwoKinds);
   REQUIRE(rig.kernel->prepare().empty());
   rig.kernel->start();
   const auto st = rig.plugin("probe-client");
   CHECK(st.state == "running");
   CHECK(st.kind == "client");
   CHECK(st.version == "1.0.0");
   CHECK(st.reason.empty());
   CHECK_FALSE(st.since.empty());
}

TEST_CASE("a plugin timer fires on the simulated clock exactly as time advances")
{
   KernelRig rig(R"(
plugins:
  load:
    - id: probe
      file: probe
      settings: { tick_ms: 100 }
)");
   REQUIRE(rig.kernel->prepare().empty());
   rig.kernel->start();
   rig.loop->advance(99'000);
   CHECK(rig.events.empty());
   rig.loop->advance(1'000);
   CHECK(rig.events.size() == 1);
   rig.loop->advance(900'000);
   CHECK(rig.events.size() == 10);
   CHECK(rig.events.front() == "probe 0/1");
   CHECK(rig.plugin("probe").events == 10);
}

TEST_CASE("stopping a plugin cancels its timers so no callback runs after stop")
{
   KernelRig rig(R"(
plugins:
  load:
    - id: probe
      file: probe
      settings: { tick_ms: 10 }
)");
   REQUIRE(rig.kernel->prepare().empty());
   rig.kernel->start();
   rig.loop->advance(50'000);
   const auto before = rig.events.size();
   rig.kernel->stop();
   rig.loop->advance(1'000'000);
   CHECK(rig.events.size() == before);
   CHECK(rig.loop->timer_count() == 0);
}

TEST_CASE("a plugin that fails to start is failed with its reason while the rest runs")
{
   KernelRig rig(R"(
plugins:
  load:
    - id: probe
      file: probe
      settings: { fail_start: true, trace: "@TRACE@" }
    - id: probe-two
      file: probe-two
      settings: { trace: "@TRACE@" }
)");
   REQUIRE(rig.kernel->prepare().empty());
   rig.kernel->start();
   CHECK(rig.plugin("probe").state == "failed");
   CHECK(rig.plugin("probe").reason == "start failed: refused to start on request");
   CHECK(rig.plugin("probe-two").state == "running");
   rig.kernel->stop();
   // A failed start is followed by destroy, never by stop.
   CHECK(rig.trace_lines() == std::vector<std::string>{"start probe", "start probe-two", "stop probe-two"});
}

TEST_CASE("a plugin reports itself limited when its link drops and running when it recovers")
{
   KernelRig rig(R"(
plugins:
  load:
    - id: probe
      file: probe
      settings: { limited_at_ms: 500 }
)");
   REQUIRE(rig.kernel->prepare().empty());
   rig.kernel->start();
   CHECK(rig.plugin("probe").state == "running");
   rig.loop->advance(500'000);
   CHECK(rig.plugin("probe").state == "limited");
   CHECK(rig.plugin("probe").reason == "link down");
   rig.loop->advance(500'000);
   CHECK(rig.plugin("probe").state == "running");
   CHECK(rig.plugin("probe").reason.empty());
}

TEST_CASE("a plugin flooding the engine gets refusals once the bounded queue is full")
{
   KernelRig rig(R"(
plugins:
  load:
    - id: probe
      file: probe
      settings: { flood: 200, trace: "@TRACE@" }
)");
   REQUIRE(rig.kernel->prepare().empty());
   rig.kernel->start();
   // The rig's queue holds 64 items: 136 of the 200 posts are refused, none is lost silently.
   CHECK(rig.trace_lines() == std::vector<std::string>{"start probe", "refused 136 probe"});
   rig.loop->run_ready();
   CHECK(rig.events.size() == 64);
}

TEST_CASE("a batch of events is one unit: in order, one queue item, all or nothing")
{
   KernelRig rig(R"(
plugins:
  load:
    - id: probe
      file: probe
      settings: { batch: 200, trace: "@TRACE@" }
)");
   REQUIRE(rig.kernel->prepare().empty());
   rig.kernel->start();
   // 200 records fit the rig's 64-item queue as one unit; the unit with a malformed record is
   // refused whole.
   CHECK(rig.trace_lines() == std::vector<std::string>{"start probe", "batch PORTIER_OK PORTIER_ERR_INVALID probe"});
   rig.loop->run_ready();
   REQUIRE(rig.events.size() == 200);
   for (std::size_t i = 0; i < rig.events.size(); ++i) {
      CHECK(rig.events[i] == "probe 0/" + std::to_string(100 + i));
   }
}

TEST_CASE("a disabled plugin is not loaded and shows as stopped")
{
   KernelRig rig(R"(
plugins:
  load:
    - id: probe
      file: probe
      enabled: false
)");
   REQUIRE(rig.kernel->prepare().empty());
   rig.kernel->start();
   CHECK(rig.plugin("probe").state == "stopped");
   CHECK(rig.plugin("probe").reason == "disabled in the configuration");
   CHECK(rig.plugin("probe").kind.empty());
}

TEST_CASE("settings a plugin rejects are configuration errors at the settings' position")
{
   KernelRig rig(R"(
plugins:
  load:
    - id: probe
      file: probe
      settings:
        reject: true
)");
   const auto errors = rig.kernel->prepare();
   REQUIRE(errors.size() == 1);
   CHECK(errors[0].to_string() == "test.yaml:7:9: plugin 'probe': settings.reject: refused on request");
}

TEST_CASE("a plugin reads its secrets from the environment or a file, never from the configuration")
{
   setenv("PORTIER_TEST_SECRET", "s3cret", 1);
   KernelRig rig(R"(
plugins:
  load:
    - id: probe
      file: probe
      settings: { trace: "@TRACE@", secret: "password" }
      secrets:
        password: { env: PORTIER_TEST_SECRET }
    - id: probe-two
      file: probe-two
      settings: { trace: "@TRACE@", secret: "token" }
      secrets:
        token: { file: token.txt }
)");
   {
      std::ofstream(rig.dir.path / "token.txt") << "from-a-file\n";
   }
   REQUIRE(rig.kernel->prepare().empty());
   rig.kernel->start();
   unsetenv("PORTIER_TEST_SECRET");
   // A short buffer gets the size it needs (with the NUL); the file's newline is not part of it.
   CHECK(rig.trace_lines() == std::vector<std::string>{"start probe", "secret PORTIER_ERR_TOO_SMALL 7 s3cret probe",
                                                       "start probe-two",
                                                       "secret PORTIER_ERR_TOO_SMALL 12 from-a-file probe-two"});
}

TEST_CASE("a secret whose variable is unset is a configuration error that names the variable")
{
   unsetenv("PORTIER_TEST_MISSING");
   KernelRig rig(R"(
plugins:
  load:
    - id: probe
      file: probe
      secrets:
        password: { env: PORTIER_TEST_MISSING }
)");
   const auto errors = rig.kernel->prepare();
   REQUIRE(errors.size() == 1);
   CHECK(errors[0].to_string() ==
         "test.yaml:4:7: plugin 'probe': secret 'password': environment variable PORTIER_TEST_MISSING is not set");
}

TEST_CASE("a secret the configuration does not name is not found")
{
   KernelRig rig(R"(
plugins:
  load:
    - id: probe
      file: probe
      settings: { trace: "@TRACE@", secret: "nothing" }
)");
   REQUIRE(rig.kernel->prepare().empty());
   rig.kernel->start();
   CHECK(rig.trace_lines() ==
         std::vector<std::string>{"start probe", "secret PORTIER_ERR_NOT_FOUND 4 <none> probe"});
}
