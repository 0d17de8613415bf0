// SPDX-License-Identifier: GPL-3.0-or-later
// The real pbx.osv plugin, loaded through its descriptor with the fake host and started with
// the settings a test gives (the geo-separated and application-session tests need their own).
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include <portier/kind/pbx.h>
#include <portier/portier.h>

#include "test_host.h"

namespace simtest {

struct Driver {
   explicit Driver(const std::string &settings);
   ~Driver();
   Driver(const Driver &) = delete;
   Driver &operator=(const Driver &) = delete;

   // Stops the plugin now (the destructor then only destroys it).
   void stop();
   bool running();
   // The reason of the latest reported state.
   std::string reason();
   portier_pbx_result_event result(std::uint64_t correlation);
   void monitor(const char *device, std::uint64_t correlation);
   bool state_is(const std::string &device, std::int32_t state);
   // Moves the host clock in steps of 100 ms until `pred` holds (bounded).
   bool advance_until(const std::function<bool()> &pred, int steps = 100);

   test::TestHost host;
   void *library = nullptr;
   const portier_plugin *plugin = nullptr;
   portier_instance *inst = nullptr;
   const portier_pbx_v1 *pbx = nullptr;
   bool stopped = false;
};

}  // namespace simtest
