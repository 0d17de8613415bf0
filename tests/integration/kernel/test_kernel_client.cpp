// SPDX-License-Identifier: GPL-3.0-or-later
#include <catch2/catch.hpp>

#include "kernel_fixture.h"

using portier::test::KernelRig;

namespace {

std::string client_yaml(const std::string &submit)
{
   return R"(
plugins:
  load:
    - id: probe-client
      file: probe-client
      settings: { trace: "@TRACE@", submit: ")" + submit + R"(" }
)";
}

// Starts a client-kind probe that submits {"type": submit} 1 ms after start; returns its trace.
std::vector<std::string> run_client(const std::string &submit)
{
   KernelRig rig(client_yaml(submit));
   REQUIRE(rig.kernel->prepare().empty());
   rig.kernel->start();
   rig.loop->advance(1'000);
   return rig.trace_lines();
}

}  // namespace

TEST_CASE("a client's request is answered through its deliver with the same request id")
{
   const auto lines = run_client("status");
   REQUIRE(lines.size() == 3);
   CHECK(lines[1] == "submit PORTIER_PENDING probe-client");
   CHECK_THAT(lines[2], Catch::StartsWith("deliver 7 {") && Catch::Contains(R"("type":"answer")") &&
                           Catch::Contains(R"("ok":true)") && Catch::Contains(R"("id":"probe-client")"));
}

TEST_CASE("an unknown client request type gets an error answer, not a transport failure")
{
   const auto lines = run_client("frobnicate");
   REQUIRE(lines.size() == 3);
   CHECK(lines[1] == "submit PORTIER_PENDING probe-client");
   CHECK_THAT(lines[2], Catch::Contains(R"("ok":false)") &&
                           Catch::Contains("unknown request type 'frobnicate'") &&
                           Catch::Contains(R"("request_id":7)"));
}

TEST_CASE("a client request that is not JSON is refused at submit, and nothing is delivered")
{
   CHECK(run_client("garbage") == std::vector<std::string>{"start probe-client", "submit PORTIER_ERR_INVALID probe-client"});
}

TEST_CASE("a request the kernel does not know goes to the client handler, and the answer keeps the request id")
{
   KernelRig rig(client_yaml("snapshot"));
   std::string seen;
   rig.kernel->set_client_handler([&seen](const nlohmann::json &request) {
      seen = request.value("type", "");
      return nlohmann::json{{"ok", true}, {"snapshot", {{"calls", nlohmann::json::array()}}}, {"request_id", 99}};
   });
   REQUIRE(rig.kernel->prepare().empty());
   rig.kernel->start();
   rig.loop->advance(1'000);
   const auto lines = rig.trace_lines();
   CHECK(seen == "snapshot");
   REQUIRE(lines.size() == 3);
   // The handler cannot change the request id the answer goes back with.
   CHECK_THAT(lines[2], Catch::StartsWith("deliver 7 {") && Catch::Contains(R"("type":"answer")") &&
                           Catch::Contains(R"("snapshot":{"calls":[]})") && Catch::Contains(R"("request_id":7)"));
}

TEST_CASE("engine events reach every started client plugin with request id 0")
{
   KernelRig rig(client_yaml("status"));
   REQUIRE(rig.kernel->prepare().empty());
   rig.kernel->deliver_to_clients({{"type", "event"}, {"event", "before_start"}});  // nobody started yet
   rig.kernel->start();
   rig.kernel->deliver_to_clients({{"type", "event"}, {"event", "call_queued"}, {"call_id", "c1"}});
   const auto lines = rig.trace_lines();
   REQUIRE(lines.size() == 2);
   CHECK(lines[0] == "start probe-client");
   CHECK_THAT(lines[1], Catch::StartsWith("deliver 0 {") && Catch::Contains(R"("event":"call_queued")"));
}

TEST_CASE("an answer or event holding bytes that are not UTF-8 is delivered with them replaced, not thrown")
{
   KernelRig rig(client_yaml("snapshot"));
   rig.kernel->set_client_handler([](const nlohmann::json &) {
      return nlohmann::json{{"ok", true}, {"caller", "+49\xFF"}};  // a percent-decoded %FF from a From header
   });
   REQUIRE(rig.kernel->prepare().empty());
   rig.kernel->start();
   rig.loop->advance(1'000);
   rig.kernel->deliver_to_clients({{"type", "event"}, {"caller", "\xC3"}});
   const auto lines = rig.trace_lines();
   REQUIRE(lines.size() == 4);
   CHECK_THAT(lines[2], Catch::Contains("\"caller\":\"+49\xEF\xBF\xBD\""));
   CHECK_THAT(lines[3], Catch::StartsWith("deliver 0 {") && Catch::Contains("\xEF\xBF\xBD"));
}
