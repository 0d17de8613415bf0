// SPDX-License-Identifier: GPL-3.0-or-later
// EngineHost inside a kernel with test plugins of kind trunk and pbx (fake_kind_plugin.cpp):
// which instance the engine drives after a reload restarts a plugin, and the forwarding of a
// busy attendant's phone over the pbx plugin; the plugins' states as the engine's link states.
#include <catch2/catch.hpp>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <memory>
#include <string>
#include <thread>
#include <unistd.h>
#include <vector>

#include <portier/kind/trunk.h>

#include "engine/host/engine_host.h"
#include "kernel/clock.h"
#include "kernel/config.h"
#include "kernel/engine_loop.h"
#include "kernel/kernel.h"

namespace portier::engine::test {
namespace {

constexpr const char *kHostPilot = "+4930100";
constexpr const char *kHostPhone = "+4930501";
constexpr const char *kHostLine = "+4930610";

struct HostDir {
   std::filesystem::path path;
   HostDir() {
      static std::atomic<int> counter{0};
      path = std::filesystem::temp_directory_path() /
             ("portier-engine-host-test-" + std::to_string(getpid()) + "-" + std::to_string(counter++));
      std::filesystem::remove_all(path);
      std::filesystem::create_directories(path);
   }
   ~HostDir() {
      std::error_code ec;
      std::filesystem::remove_all(path, ec);
   }
};

// The engine data and both plugins; `trunk_tag` and `pbx_tag` change a plugin's settings, which
// restarts it on reload.
std::string host_yaml(const HostDir &dir, const std::string &trunk_tag, const std::string &pbx_tag) {
   const std::string trace = (dir.path / "trace.txt").string();
   return "ddi:\n"
          "  - pilot_number: \"" + std::string(kHostPilot) + "\"\n"
          "announcements:\n"
          "  - { id: welcome, file: welcome.wav }\n"
          "plugins:\n"
          "  load:\n"
          "    - id: fake-trunk\n"
          "      file: fake-trunk\n"
          "      settings: { trace: \"" + trace + "\", tag: " + trunk_tag + " }\n"
          "    - id: fake-pbx\n"
          "      file: fake-pbx\n"
          "      settings: { trace: \"" + trace + "\", tag: " + pbx_tag + " }\n";
}

kernel::Config host_config(const HostDir &dir, const std::string &trunk_tag, const std::string &pbx_tag) {
   auto loaded = kernel::load_config_text(host_yaml(dir, trunk_tag, pbx_tag), "test.yaml", dir.path);
   for (const auto &e : loaded.errors) FAIL(e.to_string());
   REQUIRE(loaded.config);
   loaded.config->search_path.push_back(FAKE_PLUGIN_DIR);
   return *loaded.config;
}

struct HostRig {
   HostDir dir;
   kernel::SimulatedClock clock;
   std::unique_ptr<kernel::EngineLoop> loop;
   std::unique_ptr<kernel::Kernel> kernel;
   std::unique_ptr<EngineHost> host;

   HostRig() {
      std::ofstream(dir.path / "welcome.wav") << "RIFF";
      loop = std::make_unique<kernel::EngineLoop>(clock, 256);
      loop->adopt_current_thread();
      kernel = std::make_unique<kernel::Kernel>(*loop, host_config(dir, "one", "one"));
      REQUIRE(kernel->prepare().empty());
      kernel->start();
      host = std::make_unique<EngineHost>(*kernel);
      kernel->set_event_sink([this](const kernel::PluginSlot &from, const portier_event_header &ev) {
         host->on_plugin_event(from, ev);
      });
   }
   ~HostRig() {
      host.reset();
      kernel->stop();
      loop->run_ready();
   }

   std::vector<std::string> trace() const {
      std::vector<std::string> lines;
      std::ifstream in(dir.path / "trace.txt");
      for (std::string line; std::getline(in, line);) lines.push_back(line);
      return lines;
   }
   // How often `line` was traced after the last trace of `after` (from the start when absent).
   int count_after(const std::string &line, const std::string &after = "") const {
      const auto lines = trace();
      int count = 0;
      for (const std::string &l : lines) {
         if (!after.empty() && l == after) count = 0;
         else if (l == line) ++count;
      }
      return count;
   }
   void reload(const std::string &trunk_tag, const std::string &pbx_tag) {
      const auto result = kernel->reload(host_config(dir, trunk_tag, pbx_tag));
      for (const std::string &e : result.errors) FAIL(e);
      REQUIRE(result.applied);
      host->after_reload(true);
   }
   void advance_ms(std::int64_t ms) { loop->advance(ms * 1000); }
   // A trunk event as the trunk plugin would post it.
   void from_trunk(const portier_event_header &ev) { host->on_plugin_event(*kernel->find("fake-trunk"), ev); }
   void incoming(const char *id) {
      portier_trunk_incoming_event in{};
      in.header =
          PORTIER_EVENT_HEADER_INIT(portier_trunk_incoming_event, PORTIER_SPACE_TRUNK, PORTIER_TRUNK_EV_INCOMING);
      portier_copy_str(in.call_id, sizeof in.call_id, id);
      portier_copy_str(in.caller, sizeof in.caller, "+4989555");
      portier_copy_str(in.called, sizeof in.called, kHostPilot);
      from_trunk(in.header);
   }
   void call_event(std::uint16_t type, const std::string &id) {
      portier_trunk_call_event ev{};
      ev.header = PORTIER_EVENT_HEADER_INIT(portier_trunk_call_event, PORTIER_SPACE_TRUNK, type);
      portier_copy_str(ev.call_id, sizeof ev.call_id, id.c_str());
      from_trunk(ev.header);
   }
};

}  // namespace

TEST_CASE("a reload that restarts the trunk plugin at the same address ends the calls held on the old instance "
          "and loads the media into the new one",
          "[engine_host]") {
   HostRig rig;
   REQUIRE(rig.host->trunk_id() == "fake-trunk");
   CHECK(rig.count_after("fake-trunk load_media welcome") == 1);
   rig.incoming("in-1");
   REQUIRE(rig.host->engine().find_call("in-1") != nullptr);
   const portier_instance *old_instance = rig.kernel->find("fake-trunk")->instance;

   rig.reload("two", "one");
   // The plugin hands out the same address again: only the slot's generation tells them apart.
   REQUIRE(rig.kernel->find("fake-trunk")->instance == old_instance);
   CHECK(rig.host->engine().find_call("in-1") == nullptr);
   CHECK(rig.host->engine().call_count() == 0);
   CHECK(rig.count_after("fake-trunk load_media welcome", "fake-trunk start") == 1);
   CHECK(rig.host->trunk_id() == "fake-trunk");

   // The new instance's calls are the engine's.
   rig.incoming("in-2");
   CHECK(rig.host->engine().find_call("in-2") != nullptr);
}

TEST_CASE("a reload that leaves the trunk plugin running keeps its calls and loads the media again in place",
          "[engine_host]") {
   HostRig rig;
   rig.incoming("in-1");
   rig.reload("one", "two");  // only the pbx plugin restarts
   CHECK(rig.host->engine().find_call("in-1") != nullptr);
   CHECK(rig.count_after("fake-trunk load_media welcome") == 2);
   CHECK(rig.count_after("fake-trunk stop") == 0);
}

TEST_CASE("a busy attendant's phone is forwarded over the pbx plugin, again after the plugin restarts, and the "
          "forwarding is removed when the call ends",
          "[engine_host]") {
   HostRig rig;
   REQUIRE(rig.host->pbx_id() == "fake-pbx");
   LogOn anna;
   anna.attendant = "anna";
   anna.device = kHostPhone;
   anna.personal_line = kHostLine;
   anna.pilots = {kHostPilot};
   anna.available = true;
   REQUIRE(rig.host->engine().log_on(anna) == Outcome::ok);
   const std::string off = std::string("fake-pbx set_forwarding ") + kHostPhone + " 1 off";
   const std::string on = std::string("fake-pbx set_forwarding ") + kHostPhone + " 1 on " + kHostLine;
   CHECK(rig.count_after(off) == 1);  // a log-on clears what an earlier run may have left

   rig.incoming("in-1");
   rig.advance_ms(3000);  // the ring time: answered and pushed to anna
   const Call *call = rig.host->engine().find_call("in-1");
   REQUIRE(call != nullptr);
   REQUIRE(call->phase == CallPhase::offered);
   CHECK(rig.count_after(on) == 0);  // ringing her phone is not busy
   rig.call_event(PORTIER_TRUNK_EV_ANSWERED, call->leg);
   CHECK(rig.count_after(on) == 1);

   rig.reload("one", "two");  // the pbx plugin restarts at the same address
   CHECK(rig.count_after(on, "fake-pbx start") == 1);
   CHECK(rig.host->engine().forwarded_to(kHostPhone) == kHostLine);

   rig.call_event(PORTIER_TRUNK_EV_ENDED, "in-1");
   CHECK(rig.count_after(off, "fake-pbx start") == 1);
   CHECK(rig.host->engine().forwarded_to(kHostPhone).empty());
}

TEST_CASE("portierd stopping while an attendant talks switches the phone's forwarding off", "[engine_host]") {
   HostRig rig;
   LogOn anna;
   anna.attendant = "anna";
   anna.device = kHostPhone;
   anna.personal_line = kHostLine;
   anna.pilots = {kHostPilot};
   anna.available = true;
   REQUIRE(rig.host->engine().log_on(anna) == Outcome::ok);
   rig.incoming("in-1");
   rig.advance_ms(3000);
   rig.call_event(PORTIER_TRUNK_EV_ANSWERED, rig.host->engine().find_call("in-1")->leg);
   const std::string off = std::string("fake-pbx set_forwarding ") + kHostPhone + " 1 off";
   const std::string on = std::string("fake-pbx set_forwarding ") + kHostPhone + " 1 on " + kHostLine;
   REQUIRE(rig.count_after(off, on) == 0);
   rig.host.reset();
   CHECK(rig.count_after(off, on) == 1);
}

TEST_CASE("a started pbx and trunk plugin are in the snapshot's links from the start, up", "[links]") {
   HostRig rig;
   rig.loop->run_ready();  // the changes the kernel posted during the start
   const auto links = rig.host->engine().links();
   REQUIRE(links.size() == 2);
   CHECK(links[0].link == LinkKind::pbx);
   CHECK(links[0].id == "fake-pbx");
   CHECK(links[0].state == LinkHealth::up);
   CHECK(links[1].link == LinkKind::trunk);
   CHECK(links[1].id == "fake-trunk");
   CHECK(links[1].state == LinkHealth::up);
}

TEST_CASE("a pbx plugin's reported states reach the engine on its thread, in order, as link states", "[links]") {
   HostRig rig;
   rig.loop->run_ready();
   std::vector<nlohmann::json> seen;
   rig.host->set_event_observer([&seen](const nlohmann::json &e) {
      if (e.value("event", "") == "link_state") seen.push_back(e);
   });
   kernel::PluginSlot *pbx = rig.kernel->find("fake-pbx");
   REQUIRE(pbx != nullptr);
   // As report_state does it, from a plugin thread: the engine hears of it only on its own.
   std::thread([pbx] { pbx->set_state(kernel::PluginState::stopped, "CSTA link lost"); }).join();
   CHECK(seen.empty());
   rig.loop->run_ready();
   REQUIRE(seen.size() == 1);
   CHECK(seen[0]["link"] == "pbx");
   CHECK(seen[0]["id"] == "fake-pbx");
   CHECK(seen[0]["state"] == "down");
   CHECK(seen[0]["detail"] == "CSTA link lost");

   pbx->set_state(kernel::PluginState::running, "");
   pbx->set_state(kernel::PluginState::running, "");  // a repeat: the slot does not even tell
   rig.loop->run_ready();
   REQUIRE(seen.size() == 2);
   CHECK(seen[1]["state"] == "up");
   CHECK(rig.host->engine().links()[0].state == LinkHealth::up);
}

TEST_CASE("a trunk plugin running limited is a degraded link, and failed is down", "[links]") {
   HostRig rig;
   rig.loop->run_ready();
   kernel::PluginSlot *trunk = rig.kernel->find("fake-trunk");
   REQUIRE(trunk != nullptr);
   trunk->set_state(kernel::PluginState::limited, "not registered: 403");
   rig.loop->run_ready();
   CHECK(rig.host->engine().links()[1].state == LinkHealth::degraded);
   CHECK(rig.host->engine().links()[1].detail == "not registered: 403");
   trunk->set_state(kernel::PluginState::failed, "start failed");
   rig.loop->run_ready();
   CHECK(rig.host->engine().links()[1].state == LinkHealth::down);
}

}  // namespace portier::engine::test
