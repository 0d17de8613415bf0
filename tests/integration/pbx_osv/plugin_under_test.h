// SPDX-License-Identifier: GPL-3.0-or-later
// One plugin library loaded through its entry symbol and run under the fake host, the way the
// kernel runs it: validate, create, start; stop and destroy at the end. With the pbx kind's
// reading helpers, so every pbx.osv and pbx.sim test drives plugins the same way.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <portier/kind/pbx.h>
#include <portier/portier.h>

#include "test_host.h"

namespace test {

class PluginUnderTest {
public:
   // Loads the library (REQUIREs that it loads and hands out a descriptor); starts nothing.
   explicit PluginUnderTest(const char *path);
   // Stops (when started) and destroys the instance, then closes the library.
   ~PluginUnderTest();
   PluginUnderTest(const PluginUnderTest &) = delete;
   PluginUnderTest &operator=(const PluginUnderTest &) = delete;

   // validate_config alone; `why` gets the plugin's message.
   portier_status validate(const std::string &settings, std::string &why);
   // validate + create + start; the status of the first step that failed, with `why`.
   portier_status start(const std::string &settings, std::string &why);
   // start, REQUIREd to succeed; for a pbx plugin also fetches the portier.pbx/1 table.
   void start(const std::string &settings);
   // Stops the instance now; the destructor then only destroys it.
   void stop();

   // The latest state the plugin reported, and its reason.
   bool running();
   std::string reason();
   void wait_running();

   // pbx kind: results of one correlation, the first one (waited for), starting a monitor
   // (REQUIREd to complete OK), and what was posted for one device.
   std::vector<portier_pbx_result_event> results(std::uint64_t correlation);
   portier_pbx_result_event result(std::uint64_t correlation);
   void monitor(const char *device, std::uint64_t correlation);
   std::vector<portier_pbx_call_event> calls_at(const std::string &device);
   std::vector<std::int32_t> states_of(const std::string &device);
   std::optional<portier_pbx_device_event> last_state(const std::string &device);
   bool state_is(const std::string &device, std::int32_t state);

   TestHost host;
   const portier_plugin *plugin = nullptr;
   portier_instance *inst = nullptr;
   const portier_pbx_v1 *pbx = nullptr;  // set by start() when the plugin serves it

private:
   void *library_ = nullptr;
   bool started_ = false;
};

}  // namespace test
