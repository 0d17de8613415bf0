// SPDX-License-Identifier: GPL-3.0-or-later
// A loaded plugin library under the fake host: pbx.osv as the CSTA client of a simulator, or
// pbx.sim itself.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include <portier/kind/pbx.h>
#include <portier/portier.h>

#include "test_host.h"

namespace simprog {

class LoadedPlugin {
public:
   explicit LoadedPlugin(const char *path);
   ~LoadedPlugin();
   LoadedPlugin(const LoadedPlugin &) = delete;
   LoadedPlugin &operator=(const LoadedPlugin &) = delete;

   // validate + create + start; returns the status of the first step that failed, with `why`.
   portier_status start(const std::string &settings, std::string &why);
   // validate_config alone.
   portier_status validate(const std::string &settings, std::string &why);
   void stop();

   test::TestHost host;
   const portier_plugin *plugin = nullptr;
   portier_instance *inst = nullptr;

private:
   void *library_ = nullptr;
   bool started_ = false;
};

// pbx.osv connected to a simulator on `port`, with helpers to watch devices.
class OsvClient {
public:
   explicit OsvClient(std::uint16_t port);
   bool wait_running();
   void monitor(const char *device, std::uint64_t correlation);
   std::vector<portier_pbx_call_event> calls_at(const std::string &device);
   std::vector<std::int32_t> states_of(const std::string &device);

   LoadedPlugin osv{PBX_OSV_PLUGIN};
   const portier_pbx_v1 *pbx = nullptr;
};

}  // namespace simprog
