// SPDX-License-Identifier: GPL-3.0-or-later
// The log-on commands through Kernel::handle_client_request, with a client plugin
// (fake_client_plugin.cpp) that records what the kernel delivers to it.
#include <chrono>
#include <fstream>
#include <sstream>
#include <string>
#include <thread>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "kernel/clock.h"
#include "kernel/config.h"
#include "kernel/engine_loop.h"
#include "kernel/kernel.h"
#include "temp_dir.h"
#include "test_hashes.h"

using namespace portier::kernel;
using namespace portier::kernel::test;

namespace {

struct KernelRig {
   TempDir dir;
   SimulatedClock clock;
   EngineLoop loop{clock, 256};
   std::unique_ptr<Kernel> kernel;

   KernelRig() {
      const std::string yaml = "store:\n"
                               "  path: portier.db\n"
                               "accounts:\n"
                               "  - { user: anna, role: attendant, password: { argon2id: \"" + kAnnaHash + "\" } }\n"
                               "plugins:\n"
                               "  load:\n"
                               "    - id: fake-client\n"
                               "      file: fake-client\n"
                               "      settings: { trace: \"" + trace().string() + "\" }\n";
      auto loaded = load_config_text(yaml, "test.yaml", dir.path());
      for (const auto &e : loaded.errors) FAIL(e.to_string());
      REQUIRE(loaded.config);
      loaded.config->search_path.push_back(FAKE_CLIENT_PLUGIN_DIR);
      loop.adopt_current_thread();
      kernel = std::make_unique<Kernel>(loop, *loaded.config);
      REQUIRE(kernel->prepare().empty());
      kernel->start();
      REQUIRE(kernel->find("fake-client") != nullptr);
      REQUIRE(kernel->find("fake-client")->phase == Phase::started);
   }
   ~KernelRig() { kernel->stop(); }

   std::filesystem::path trace() const { return dir.path() / "delivered.txt"; }

   std::vector<std::string> delivered() const {
      std::vector<std::string> lines;
      std::ifstream in(trace());
      for (std::string line; std::getline(in, line);) lines.push_back(line);
      return lines;
   }
   // Submits as the plugin would and runs the loop until the answer to `request_id` came.
   nlohmann::json request(std::uint64_t request_id, const nlohmann::json &body) {
      kernel->handle_client_request(*kernel->find("fake-client"), request_id, body.dump());
      const std::string prefix = std::to_string(request_id) + " ";
      for (int i = 0; i < 4000; ++i) {
         loop.run_ready();
         for (const std::string &line : delivered()) {
            if (line.rfind(prefix, 0) == 0) return nlohmann::json::parse(line.substr(prefix.size()));
         }
         std::this_thread::sleep_for(std::chrono::milliseconds(5));
      }
      FAIL("no answer to request " << request_id);
      return {};
   }
};

}  // namespace

TEST_CASE("the kernel answers a log-on later, with the request id, once the worker checked the password",
          "[kernel][log-on]") {
   KernelRig rig;
   const auto ok = rig.request(7, {{"type", "authenticate"}, {"tenant", "DEFAULT"}, {"user", "anna"},
                                   {"password", "secret-anna"}, {"remote", "127.0.0.1"}});
   CHECK(ok["type"] == "answer");
   CHECK(ok["request_id"] == 7);
   CHECK(ok["ok"] == true);
   CHECK(ok["account"]["role"] == "attendant");
   const auto denied = rig.request(8, {{"type", "authenticate"}, {"tenant", "DEFAULT"}, {"user", "anna"},
                                       {"password", "nope"}, {"remote", "127.0.0.1"}});
   CHECK(denied["error"] == "denied");
   CHECK(rig.request(9, {{"type", "session_ended"}, {"tenant", "DEFAULT"}, {"user", "anna"}, {"reason", "log_off"}})["ok"] ==
         true);
   const auto audit = rig.request(10, {{"type", "audit_log"}, {"tenant", "DEFAULT"}});
   REQUIRE(audit["entries"].size() == 3);
   CHECK(audit["entries"][0]["action"] == "log_off");
   CHECK(audit["entries"][1]["action"] == "log_on_failed");
   CHECK(audit["entries"][2]["action"] == "log_on");
   // The store file holds them: they outlive the kernel.
   std::string error;
   auto store = Store::open(rig.dir.path() / "portier.db", error);
   REQUIRE(store);
}

TEST_CASE("an answer whose plugin was restarted meanwhile is not delivered to the new instance", "[kernel][log-on]") {
   KernelRig rig;
   rig.kernel->handle_client_request(*rig.kernel->find("fake-client"), 11,
                                     R"({"type":"authenticate","tenant":"DEFAULT","user":"anna","password":"secret-anna"})");
   rig.kernel->stop();
   rig.kernel->start();
   REQUIRE(rig.kernel->find("fake-client")->phase == Phase::started);
   for (int i = 0; i < 100; ++i) {
      rig.loop.run_ready();
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
   }
   CHECK(rig.delivered().empty());
}
