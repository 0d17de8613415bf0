// SPDX-License-Identifier: GPL-3.0-or-later
#include "osv_driver.h"

#include <dlfcn.h>

#include <catch2/catch.hpp>

namespace simtest {

Driver::Driver(const std::string &settings) {
   library = dlopen(PBX_OSV_PLUGIN, RTLD_NOW | RTLD_LOCAL);
   REQUIRE(library != nullptr);
   using Entry = const portier_plugin *(*)(std::uint32_t);
   auto entry = reinterpret_cast<Entry>(dlsym(library, "portier_plugin_entry"));
   REQUIRE(entry != nullptr);
   plugin = entry(PORTIER_ABI_MAJOR);
   REQUIRE(plugin != nullptr);
   portier_error err = PORTIER_ERROR_INIT;
   INFO(settings);
   REQUIRE(plugin->validate_config({settings.data(), settings.size()}, &err) == PORTIER_OK);
   REQUIRE(plugin->create(&host.table, {settings.data(), settings.size()}, &inst, &err) == PORTIER_OK);
   REQUIRE(plugin->start(inst, &err) == PORTIER_OK);
   pbx = static_cast<const portier_pbx_v1 *>(plugin->get_interface(inst, PORTIER_IF_PBX_1));
   REQUIRE(pbx != nullptr);
}

Driver::~Driver() {
   stop();
   plugin->destroy(inst);
   dlclose(library);
}

void Driver::stop() {
   if (std::exchange(stopped, true)) return;
   plugin->stop(inst);
}

bool Driver::running() {
   auto s = host.states();
   return !s.empty() && s.back().first == PORTIER_STATE_RUNNING;
}

std::string Driver::reason() {
   auto s = host.states();
   return s.empty() ? std::string() : s.back().second;
}

portier_pbx_result_event Driver::result(std::uint64_t correlation) {
   portier_pbx_result_event found{};
   REQUIRE(host.wait([&] {
      for (const auto &r : host.events<portier_pbx_result_event>(PORTIER_PBX_EV_RESULT)) {
         if (r.header.correlation == correlation) {
            found = r;
            return true;
         }
      }
      return false;
   }));
   return found;
}

void Driver::monitor(const char *device, std::uint64_t correlation) {
   portier_error err = PORTIER_ERROR_INIT;
   REQUIRE(pbx->monitor_start(inst, device, correlation, &err) == PORTIER_PENDING);
   REQUIRE(result(correlation).status == PORTIER_OK);
}

bool Driver::state_is(const std::string &device, std::int32_t state) {
   std::int32_t last = -1;
   for (const auto &d : host.events<portier_pbx_device_event>(PORTIER_PBX_EV_DEVICE)) {
      if (device == d.device) last = d.state;
   }
   return last == state;
}

bool Driver::advance_until(const std::function<bool()> &pred, int steps) {
   for (int i = 0; i < steps; ++i) {
      if (host.wait(pred, std::chrono::milliseconds(50))) return true;
      host.advance(100);
   }
   return host.wait(pred, std::chrono::milliseconds(50));
}

}  // namespace simtest
