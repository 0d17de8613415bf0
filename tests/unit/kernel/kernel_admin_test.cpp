// SPDX-License-Identifier: GPL-3.0-or-later
// The administrators' commands (plugin_status, config_check, config_reload) through
// Kernel::handle_client_request, with the recording client plugin (fake_client_plugin.cpp) and
// a configuration file on disk, as portierd has it.
#include <fstream>
#include <string>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "kernel/clock.h"
#include "kernel/config.h"
#include "kernel/engine_loop.h"
#include "kernel/kernel.h"
#include "temp_dir.h"

using namespace portier::kernel;
using namespace portier::kernel::test;

namespace {

struct AdminRig {
   TempDir dir;
   SimulatedClock clock;
   EngineLoop loop{clock, 256};
   std::unique_ptr<Kernel> kernel;

   AdminRig() {
      write_config("");
      auto loaded = load_config_file(file());
      for (const auto &e : loaded.errors) FAIL(e.to_string());
      REQUIRE(loaded.config);
      loop.adopt_current_thread();
      kernel = std::make_unique<Kernel>(loop, *loaded.config);
      REQUIRE(kernel->prepare().empty());
      kernel->start();
      REQUIRE(kernel->find("fake-client")->phase == Phase::started);
   }
   ~AdminRig() { kernel->stop(); }

   std::filesystem::path file() const { return dir.path() / "portier.yaml"; }
   std::filesystem::path trace() const { return dir.path() / "delivered.txt"; }

   // The configuration with the fake client and `more` appended to its plugin list.
   void write_config(const std::string &more) {
      std::ofstream out(file());
      out << "plugins:\n"
             "  search_path: [\"" FAKE_CLIENT_PLUGIN_DIR "\"]\n"
             "  load:\n"
             "    - id: fake-client\n"
             "      file: fake-client\n"
             "      settings: { trace: \""
          << trace().string() << "\" }\n"
          << more;
   }

   // The reload portierd gives the kernel, without the store and the engine.
   void use_file_reloader() {
      kernel->set_config_reloader([this] {
         auto loaded = load_config_file(file());
         nlohmann::json errors = nlohmann::json::array();
         for (const auto &e : loaded.errors) errors.push_back(e.to_string());
         if (!errors.empty()) return nlohmann::json{{"ok", false}, {"error", "1 error; nothing changed"}, {"errors", errors}};
         const ReloadResult r = kernel->reload(*loaded.config);
         if (!r.applied) return nlohmann::json{{"ok", false}, {"error", "refused; nothing changed"}, {"errors", r.errors}};
         return nlohmann::json{{"ok", true}, {"message", "reloaded"}, {"changes", r.changes}};
      });
   }

   // Every delivered line "ID JSON" whose id is `request_id`, parsed.
   std::vector<nlohmann::json> answers(std::uint64_t request_id) const {
      std::vector<nlohmann::json> out;
      std::ifstream in(trace());
      const std::string prefix = std::to_string(request_id) + " ";
      for (std::string line; std::getline(in, line);) {
         if (line.rfind(prefix, 0) == 0) out.push_back(nlohmann::json::parse(line.substr(prefix.size())));
      }
      return out;
   }

   // The kernel answers these commands at once, on the calling (engine) thread.
   nlohmann::json request(std::uint64_t request_id, const std::string &type) {
      kernel->handle_client_request(*kernel->find("fake-client"), request_id, nlohmann::json{{"type", type}}.dump());
      const auto got = answers(request_id);
      REQUIRE(got.size() == 1);
      return got.front();
   }
};

}  // namespace

TEST_CASE("plugin_status lists every configured plugin with its kind, state and detail", "[kernel][admin]") {
   AdminRig rig;
   const auto answer = rig.request(1, "plugin_status");
   CHECK(answer["type"] == "answer");
   CHECK(answer["request_id"] == 1);
   CHECK(answer["ok"] == true);
   REQUIRE(answer["plugins"].size() == 1);
   const auto &p = answer["plugins"][0];
   CHECK(p["id"] == "fake-client");
   CHECK(p["plugin"] == "fake-client");  // the library's id; the entry names no other
   CHECK(p["kind"] == "client");
   CHECK(p["state"] == "running");
   CHECK(p["detail"] == "");
   CHECK(p["since"].get<std::string>().size() >= 20);
}

TEST_CASE("config_check reads the file in force as it is on disk now and names its findings", "[kernel][admin]") {
   AdminRig rig;
   const auto good = rig.request(1, "config_check");
   CHECK(good["ok"] == true);
   CHECK(good["valid"] == true);
   CHECK(good["findings"].empty());
   CHECK(good["file"] == rig.file().string());

   rig.write_config("    - id: ghost\n      file: no-such-plugin\n");
   const auto bad = rig.request(2, "config_check");
   CHECK(bad["ok"] == true);
   CHECK(bad["valid"] == false);
   REQUIRE(bad["findings"].size() == 1);
   CHECK(bad["findings"][0].get<std::string>().find("portier.yaml:") != std::string::npos);
   CHECK(bad["findings"][0].get<std::string>().find("no-such-plugin") != std::string::npos);
   // A check changes nothing.
   CHECK(rig.kernel->find("ghost") == nullptr);
}

TEST_CASE("config_reload without a reloader is unavailable", "[kernel][admin]") {
   AdminRig rig;
   const auto answer = rig.request(1, "config_reload");
   CHECK(answer["ok"] == false);
   CHECK(answer["error"] == "unavailable");
}

TEST_CASE("a config_reload with findings applies nothing and answers them", "[kernel][admin]") {
   AdminRig rig;
   rig.use_file_reloader();
   rig.write_config("    - id: ghost\n      file: no-such-plugin\n");
   const auto answer = rig.request(1, "config_reload");
   CHECK(answer["ok"] == true);
   CHECK(answer["applied"] == false);
   REQUIRE(answer["findings"].size() == 1);
   CHECK(answer["findings"][0].get<std::string>().find("no-such-plugin") != std::string::npos);
   CHECK(rig.kernel->find("ghost") == nullptr);
   CHECK(rig.kernel->find("fake-client")->phase == Phase::started);
}

TEST_CASE("a config_reload that applies answers applied with its changes", "[kernel][admin]") {
   AdminRig rig;
   rig.use_file_reloader();
   rig.write_config("    - id: spare\n      file: fake-client\n      enabled: false\n");
   const auto answer = rig.request(1, "config_reload");
   CHECK(answer["ok"] == true);
   CHECK(answer["applied"] == true);
   CHECK(answer["changes"].is_array());
   REQUIRE(rig.kernel->find("spare") != nullptr);
   CHECK(rig.kernel->status().at(1).state == "stopped");
}

TEST_CASE("a config_reload that restarts the asking plugin answers no one", "[kernel][admin]") {
   AdminRig rig;
   rig.use_file_reloader();
   const std::uint64_t before = rig.kernel->find("fake-client")->generation;
   // New settings: the fake client cannot reconfigure, so it is restarted (a new instance).
   {
      std::ofstream out(rig.file());
      out << "plugins:\n  search_path: [\"" FAKE_CLIENT_PLUGIN_DIR "\"]\n  load:\n"
             "    - id: fake-client\n      file: fake-client\n      settings: { trace: \""
          << rig.trace().string() << "\", other: 1 }\n";
   }
   rig.kernel->handle_client_request(*rig.kernel->find("fake-client"), 1, R"({"type":"config_reload"})");
   CHECK(rig.kernel->find("fake-client")->generation != before);
   CHECK(rig.answers(1).empty());
}
