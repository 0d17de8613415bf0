// SPDX-License-Identifier: GPL-3.0-or-later
// settings.monitor: pbx.osv monitors the listed devices by itself once the link is up, with no
// engine call, posts their DEVICE events (correlation 0) and no RESULT, and brings them back
// after the simulator drops the link. Bad entries are refused at validate with their key path.
#include <dlfcn.h>

#include <map>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "osv_driver.h"
#include "sim_rig.h"

namespace {

using simtest::Driver;
using simtest::Sim;

const std::vector<std::string> kListed{"100", "200", "300"};

std::string settings_for(const Sim &sim) {
   return "{\"host\":\"127.0.0.1\",\"port\":" + std::to_string(sim.port()) +
          ",\"reconnect_min_ms\":100,\"reconnect_max_ms\":400,\"monitor\":[\"100\",\"200\",\"300\"]}";
}

// How many DEVICE events each device got so far.
std::map<std::string, int> device_event_counts(Driver &driver) {
   std::map<std::string, int> counts;
   for (const auto &d : driver.host.events<portier_pbx_device_event>(PORTIER_PBX_EV_DEVICE)) ++counts[d.device];
   return counts;
}

bool every_listed_reported(Driver &driver, const std::map<std::string, int> &more_than = {}) {
   const auto counts = device_event_counts(driver);
   for (const std::string &device : kListed) {
      const auto it = counts.find(device);
      const auto before = more_than.find(device);
      if (it == counts.end() || (before != more_than.end() && it->second <= before->second)) return false;
   }
   return true;
}

// validate_config of the plugin library alone, returning the plugin's message ("" when OK).
std::string validate(const std::string &settings) {
   void *library = dlopen(PBX_OSV_PLUGIN, RTLD_NOW | RTLD_LOCAL);
   REQUIRE(library != nullptr);
   using Entry = const portier_plugin *(*)(std::uint32_t);
   auto entry = reinterpret_cast<Entry>(dlsym(library, "portier_plugin_entry"));
   REQUIRE(entry != nullptr);
   const portier_plugin *plugin = entry(PORTIER_ABI_MAJOR);
   REQUIRE(plugin != nullptr);
   portier_error err = PORTIER_ERROR_INIT;
   const portier_status status = plugin->validate_config({settings.data(), settings.size()}, &err);
   std::string message = status == PORTIER_OK ? "" : std::string(err.message);
   if (status != PORTIER_OK && message.empty()) message = "refused without a message";
   dlclose(library);
   return message;
}

}  // namespace

TEST_CASE("devices listed in settings.monitor report their state without any engine call") {
   Sim sim(simtest::office_spec());
   Driver driver(settings_for(sim));
   REQUIRE(driver.advance_until([&] { return driver.running(); }));
   REQUIRE(driver.host.wait([&] { return every_listed_reported(driver); }));
   for (const std::string &device : kListed) CHECK(driver.state_is(device, PORTIER_PBX_DEVICE_IDLE));
   for (const auto &d : driver.host.events<portier_pbx_device_event>(PORTIER_PBX_EV_DEVICE)) {
      CHECK(d.header.correlation == 0);
   }
   // the engine never asked, so nothing is answered
   CHECK(driver.host.events<portier_pbx_result_event>(PORTIER_PBX_EV_RESULT).empty());
   CHECK(sim.on_sim([&] { return sim.office.monitor_count(); }) == kListed.size());

   // the lamps are live: a call makes the callee ring
   REQUIRE(sim.on_sim([&] { return sim.office.make_call("100", "300").ok(); }));
   CHECK(driver.host.wait([&] { return driver.state_is("300", PORTIER_PBX_DEVICE_RINGING); }));
}

TEST_CASE("devices listed in settings.monitor come back after the simulator drops the link") {
   Sim sim(simtest::office_spec());
   Driver driver(settings_for(sim));
   REQUIRE(driver.advance_until([&] { return driver.running(); }));
   REQUIRE(driver.host.wait([&] { return every_listed_reported(driver); }));
   // let the feature reads after each snapshot finish before the drop
   REQUIRE(driver.host.wait([&] {
      return driver.host.events<portier_pbx_features_event>(PORTIER_PBX_EV_FEATURES).size() >= kListed.size();
   }));

   sim.server.drop_all_connections();
   REQUIRE(driver.host.wait([&] { return !driver.running(); }));
   const auto before = device_event_counts(driver);
   REQUIRE(sim.on_sim([&] { return sim.office.set_dnd("200", true).ok(); }));  // while nobody watches

   REQUIRE(driver.advance_until([&] { return driver.running(); }));
   CHECK(driver.host.wait([&] { return every_listed_reported(driver, before); }));
   CHECK(driver.host.wait([&] { return driver.state_is("200", PORTIER_PBX_DEVICE_DND); }));
   CHECK(sim.on_sim([&] { return sim.office.monitor_count(); }) == kListed.size());
   CHECK(driver.host.events<portier_pbx_result_event>(PORTIER_PBX_EV_RESULT).empty());
}

TEST_CASE("bad entries of settings.monitor are refused at validate with their key path") {
   CHECK(validate(R"({"monitor":["+49897007200","200"]})").empty());
   const std::string long_number(PORTIER_ID_SIZE, '1');
   const std::string message = validate(R"({"monitor":["200","",4711,"200",")" + long_number + R"("]})");
   CHECK_THAT(message, Catch::Contains("settings.monitor[1]: must be 1.."));
   CHECK_THAT(message, Catch::Contains("settings.monitor[2]: expected a device number as a string, got a number"));
   CHECK_THAT(message, Catch::Contains("settings.monitor[3]: '200' is listed twice"));
   CHECK_THAT(message, Catch::Contains("settings.monitor[4]: must be 1.."));
   CHECK_THAT(message, !Catch::Contains("settings.monitor[0]"));
   CHECK_THAT(validate(R"({"monitor":"200"})"), Catch::Contains("settings.monitor: expected a list"));

   std::string all_bad = R"({"monitor":[1)";
   for (int i = 1; i < 30; ++i) all_bad += "," + std::to_string(i + 1);
   const std::string capped = validate(all_bad + "]}");
   CHECK_THAT(capped, Catch::Contains("settings.monitor[3]: expected a device number"));
   CHECK_THAT(capped, !Catch::Contains("settings.monitor[4]"));
   CHECK_THAT(capped, Catch::Contains("settings.monitor: 26 more bad entries"));

   std::string too_many = R"({"monitor":[)";
   for (int i = 0; i <= 10000; ++i) too_many += (i > 0 ? ",\"" : "\"") + std::to_string(100000 + i) + "\"";
   CHECK_THAT(validate(too_many + "]}"), Catch::Contains("settings.monitor: 10001 devices, at most 10000"));
}
