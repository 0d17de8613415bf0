// SPDX-License-Identifier: GPL-3.0-or-later
#include "sim_rig.h"

#include <dlfcn.h>

#include <catch2/catch.hpp>

namespace simtest {

using namespace portier::pbxsim;

OfficeSpec office_spec(int extra) {
   OfficeSpec spec;
   ExtensionSpec attendant{"100", "Attendant", ExtensionKind::attendant, {}, true};
   ExtensionSpec answers{"200", "Anna Muster", ExtensionKind::office_user, {}, true};
   answers.rules.answer_after_ms = 200;
   ExtensionSpec quiet{"300", "Ben Beispiel", ExtensionKind::office_user, {}, true};
   spec.extensions = {attendant, answers, quiet};
   for (int i = 0; i < extra; ++i) {
      spec.extensions.push_back({std::to_string(7000 + i), "User " + std::to_string(i),
                                 ExtensionKind::office_user, {}, true});
   }
   return spec;
}

Sim::Sim(OfficeSpec spec) : office(std::move(spec)), server(io, office), thread_([this] { io.run(); }) {}

Sim::~Sim() {
   io.stop();
   thread_.join();
}

Rig::Rig(int extra_extensions) : sim(office_spec(extra_extensions)) {
   library = dlopen(PBX_OSV_PLUGIN, RTLD_NOW | RTLD_LOCAL);
   REQUIRE(library != nullptr);
   using Entry = const portier_plugin *(*)(std::uint32_t);
   auto entry = reinterpret_cast<Entry>(dlsym(library, "portier_plugin_entry"));
   REQUIRE(entry != nullptr);
   plugin = entry(PORTIER_ABI_MAJOR);
   REQUIRE(plugin != nullptr);
   const std::string settings = "{\"host\":\"127.0.0.1\",\"port\":" + std::to_string(sim.port()) + "}";
   portier_error err = PORTIER_ERROR_INIT;
   REQUIRE(plugin->validate_config({settings.data(), settings.size()}, &err) == PORTIER_OK);
   REQUIRE(plugin->create(&host.table, {settings.data(), settings.size()}, &inst, &err) == PORTIER_OK);
   REQUIRE(plugin->start(inst, &err) == PORTIER_OK);
   pbx = static_cast<const portier_pbx_v1 *>(plugin->get_interface(inst, PORTIER_IF_PBX_1));
   REQUIRE(pbx != nullptr);
}

Rig::~Rig() {
   plugin->stop(inst);
   plugin->destroy(inst);
   dlclose(library);
}

bool Rig::running() {
   auto s = host.states();
   return !s.empty() && s.back().first == PORTIER_STATE_RUNNING;
}

void Rig::wait_running() { REQUIRE(host.wait([this] { return running(); })); }

std::vector<portier_pbx_result_event> Rig::results(std::uint64_t correlation) {
   std::vector<portier_pbx_result_event> out;
   for (const auto &r : host.events<portier_pbx_result_event>(PORTIER_PBX_EV_RESULT)) {
      if (r.header.correlation == correlation) out.push_back(r);
   }
   return out;
}

portier_pbx_result_event Rig::result(std::uint64_t correlation) {
   REQUIRE(host.wait([&] { return !results(correlation).empty(); }));
   return results(correlation).front();
}

void Rig::monitor(const char *device, std::uint64_t correlation) {
   portier_error err = PORTIER_ERROR_INIT;
   REQUIRE(pbx->monitor_start(inst, device, correlation, &err) == PORTIER_PENDING);
   REQUIRE(result(correlation).status == PORTIER_OK);
}

std::vector<portier_pbx_call_event> Rig::calls_at(const std::string &device) {
   std::vector<portier_pbx_call_event> out;
   for (const auto &c : host.events<portier_pbx_call_event>(PORTIER_PBX_EV_CALL)) {
      if (device == c.device) out.push_back(c);
   }
   return out;
}

std::vector<std::int32_t> Rig::states_of(const std::string &device) {
   std::vector<std::int32_t> out;
   for (const auto &d : host.events<portier_pbx_device_event>(PORTIER_PBX_EV_DEVICE)) {
      if (device == d.device) out.push_back(d.state);
   }
   return out;
}

bool Rig::state_is(const std::string &device, std::int32_t state) {
   auto all = states_of(device);
   return !all.empty() && all.back() == state;
}

}  // namespace simtest
