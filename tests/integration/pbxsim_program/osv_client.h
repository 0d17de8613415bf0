// SPDX-License-Identifier: GPL-3.0-or-later
// pbx.osv as the CSTA client of a simulator; LoadedPlugin (the shared PluginUnderTest) runs
// pbx.sim itself.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include <portier/kind/pbx.h>
#include <portier/portier.h>

#include "plugin_under_test.h"

namespace simprog {

using LoadedPlugin = test::PluginUnderTest;

// pbx.osv connected to a simulator on `port`, with helpers to watch devices.
class OsvClient {
public:
   explicit OsvClient(std::uint16_t port);
   bool wait_running();
   void monitor(const char *device, std::uint64_t correlation) { osv.monitor(device, correlation); }
   std::vector<portier_pbx_call_event> calls_at(const std::string &device) { return osv.calls_at(device); }
   std::vector<std::int32_t> states_of(const std::string &device) { return osv.states_of(device); }

   LoadedPlugin osv{PBX_OSV_PLUGIN};
   const portier_pbx_v1 *pbx = nullptr;
};

}  // namespace simprog
