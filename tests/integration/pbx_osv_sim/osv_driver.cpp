// SPDX-License-Identifier: GPL-3.0-or-later
#include "osv_driver.h"

#include <catch2/catch.hpp>

namespace simtest {

Driver::Driver(const std::string &settings) : PluginUnderTest(PBX_OSV_PLUGIN) {
   start(settings);
   REQUIRE(pbx != nullptr);
}

bool Driver::advance_until(const std::function<bool()> &pred, int steps) {
   for (int i = 0; i < steps; ++i) {
      if (host.wait(pred, std::chrono::milliseconds(50))) return true;
      host.advance(100);
   }
   return host.wait(pred, std::chrono::milliseconds(50));
}

}  // namespace simtest
