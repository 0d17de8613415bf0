// SPDX-License-Identifier: GPL-3.0-or-later
// The real pbx.osv plugin under the fake host, started with the settings a test gives (the
// geo-separated and application-session tests need their own), and moved on the host clock.
#pragma once

#include <functional>
#include <string>

#include "plugin_under_test.h"

namespace simtest {

struct Driver : test::PluginUnderTest {
   explicit Driver(const std::string &settings);
   // Moves the host clock in steps of 100 ms until `pred` holds (bounded).
   bool advance_until(const std::function<bool()> &pred, int steps = 100);
};

}  // namespace simtest
