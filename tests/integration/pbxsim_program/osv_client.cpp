// SPDX-License-Identifier: GPL-3.0-or-later
#include "osv_client.h"

#include <dlfcn.h>

#include <catch2/catch.hpp>

namespace simprog {

LoadedPlugin::LoadedPlugin(const char *path) {
   library_ = dlopen(path, RTLD_NOW | RTLD_LOCAL);
   REQUIRE(library_ != nullptr);
   using Entry = const portier_plugin *(*)(std::uint32_t);
   auto entry = reinterpret_cast<Entry>(dlsym(library_, "portier_plugin_entry"));
   REQUIRE(entry != nullptr);
   plugin = entry(PORTIER_ABI_MAJOR);
   REQUIRE(plugin != nullptr);
}

LoadedPlugin::~LoadedPlugin() {
   stop();
   if (inst != nullptr) plugin->destroy(inst);
   dlclose(library_);
}

portier_status LoadedPlugin::validate(const std::string &settings, std::string &why) {
   portier_error err = PORTIER_ERROR_INIT;
   const portier_status s = plugin->validate_config({settings.data(), settings.size()}, &err);
   why = err.message;
   return s;
}

portier_status LoadedPlugin::start(const std::string &settings, std::string &why) {
   portier_error err = PORTIER_ERROR_INIT;
   portier_status s = plugin->validate_config({settings.data(), settings.size()}, &err);
   if (s == PORTIER_OK) s = plugin->create(&host.table, {settings.data(), settings.size()}, &inst, &err);
   if (s == PORTIER_OK) s = plugin->start(inst, &err);
   started_ = s == PORTIER_OK;
   why = err.message;
   return s;
}

void LoadedPlugin::stop() {
   if (started_) plugin->stop(inst);
   started_ = false;
}

OsvClient::OsvClient(std::uint16_t port) {
   const std::string settings = "{\"port\":" + std::to_string(port) + ",\"reconnect_min_ms\":50}";
   std::string why;
   REQUIRE(osv.start(settings, why) == PORTIER_OK);
   pbx = static_cast<const portier_pbx_v1 *>(osv.plugin->get_interface(osv.inst, PORTIER_IF_PBX_1));
   REQUIRE(pbx != nullptr);
}

bool OsvClient::wait_running() {
   return osv.host.wait([this] {
      auto s = osv.host.states();
      return !s.empty() && s.back().first == PORTIER_STATE_RUNNING;
   }, std::chrono::seconds(10));
}

void OsvClient::monitor(const char *device, std::uint64_t correlation) {
   portier_error err = PORTIER_ERROR_INIT;
   REQUIRE(pbx->monitor_start(osv.inst, device, correlation, &err) == PORTIER_PENDING);
   REQUIRE(osv.host.wait([&] {
      for (const auto &r : osv.host.events<portier_pbx_result_event>(PORTIER_PBX_EV_RESULT)) {
         if (r.header.correlation == correlation) return true;
      }
      return false;
   }));
}

std::vector<portier_pbx_call_event> OsvClient::calls_at(const std::string &device) {
   std::vector<portier_pbx_call_event> out;
   for (const auto &c : osv.host.events<portier_pbx_call_event>(PORTIER_PBX_EV_CALL)) {
      if (device == c.device) out.push_back(c);
   }
   return out;
}

std::vector<std::int32_t> OsvClient::states_of(const std::string &device) {
   std::vector<std::int32_t> out;
   for (const auto &d : osv.host.events<portier_pbx_device_event>(PORTIER_PBX_EV_DEVICE)) {
      if (device == d.device) out.push_back(d.state);
   }
   return out;
}

}  // namespace simprog
