// SPDX-License-Identifier: GPL-3.0-or-later
#include "plugin_under_test.h"

#include <dlfcn.h>

#include <catch2/catch.hpp>

namespace test {

PluginUnderTest::PluginUnderTest(const char *path) {
   library_ = dlopen(path, RTLD_NOW | RTLD_LOCAL);
   INFO(path);
   REQUIRE(library_ != nullptr);
   using Entry = const portier_plugin *(*)(std::uint32_t);
   auto entry = reinterpret_cast<Entry>(dlsym(library_, "portier_plugin_entry"));
   REQUIRE(entry != nullptr);
   plugin = entry(PORTIER_ABI_MAJOR);
   REQUIRE(plugin != nullptr);
}

PluginUnderTest::~PluginUnderTest() {
   stop();
   if (inst != nullptr) plugin->destroy(inst);
   dlclose(library_);
}

portier_status PluginUnderTest::validate(const std::string &settings, std::string &why) {
   portier_error err = PORTIER_ERROR_INIT;
   const portier_status s = plugin->validate_config({settings.data(), settings.size()}, &err);
   why = err.message;
   return s;
}

portier_status PluginUnderTest::start(const std::string &settings, std::string &why) {
   portier_error err = PORTIER_ERROR_INIT;
   portier_status s = plugin->validate_config({settings.data(), settings.size()}, &err);
   if (s == PORTIER_OK) s = plugin->create(&host.table, {settings.data(), settings.size()}, &inst, &err);
   if (s == PORTIER_OK) s = plugin->start(inst, &err);
   started_ = s == PORTIER_OK;
   why = err.message;
   if (started_) pbx = static_cast<const portier_pbx_v1 *>(plugin->get_interface(inst, PORTIER_IF_PBX_1));
   return s;
}

void PluginUnderTest::start(const std::string &settings) {
   std::string why;
   INFO(settings);
   const portier_status s = start(settings, why);
   INFO(why);
   REQUIRE(s == PORTIER_OK);
}

void PluginUnderTest::stop() {
   if (started_) plugin->stop(inst);
   started_ = false;
}

bool PluginUnderTest::running() {
   auto s = host.states();
   return !s.empty() && s.back().first == PORTIER_STATE_RUNNING;
}

std::string PluginUnderTest::reason() {
   auto s = host.states();
   return s.empty() ? std::string() : s.back().second;
}

void PluginUnderTest::wait_running() { REQUIRE(host.wait([this] { return running(); })); }

std::vector<portier_pbx_result_event> PluginUnderTest::results(std::uint64_t correlation) {
   std::vector<portier_pbx_result_event> out;
   for (const auto &r : host.events<portier_pbx_result_event>(PORTIER_PBX_EV_RESULT)) {
      if (r.header.correlation == correlation) out.push_back(r);
   }
   return out;
}

portier_pbx_result_event PluginUnderTest::result(std::uint64_t correlation) {
   REQUIRE(host.wait([&] { return !results(correlation).empty(); }));
   return results(correlation).front();
}

void PluginUnderTest::monitor(const char *device, std::uint64_t correlation) {
   REQUIRE(pbx != nullptr);
   portier_error err = PORTIER_ERROR_INIT;
   REQUIRE(pbx->monitor_start(inst, device, correlation, &err) == PORTIER_PENDING);
   REQUIRE(result(correlation).status == PORTIER_OK);
}

std::vector<portier_pbx_call_event> PluginUnderTest::calls_at(const std::string &device) {
   std::vector<portier_pbx_call_event> out;
   for (const auto &c : host.events<portier_pbx_call_event>(PORTIER_PBX_EV_CALL)) {
      if (device == c.device) out.push_back(c);
   }
   return out;
}

std::vector<std::int32_t> PluginUnderTest::states_of(const std::string &device) {
   std::vector<std::int32_t> out;
   for (const auto &d : host.events<portier_pbx_device_event>(PORTIER_PBX_EV_DEVICE)) {
      if (device == d.device) out.push_back(d.state);
   }
   return out;
}

std::optional<portier_pbx_device_event> PluginUnderTest::last_state(const std::string &device) {
   std::optional<portier_pbx_device_event> last;
   for (const auto &d : host.events<portier_pbx_device_event>(PORTIER_PBX_EV_DEVICE)) {
      if (device == d.device) last = d;
   }
   return last;
}

bool PluginUnderTest::state_is(const std::string &device, std::int32_t state) {
   const auto last = last_state(device);
   return last && last->state == state;
}

}  // namespace test
