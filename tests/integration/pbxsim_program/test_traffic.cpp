// SPDX-License-Identifier: GPL-3.0-or-later
// Demo traffic on simulated time: calls come, and never more than the bound.
#include <catch2/catch.hpp>

#include "demo/traffic.h"
#include "spec/default_office.h"

using namespace portier::pbxsim;

namespace {
const SimLog kQuiet = [](SimLogLevel, std::string_view) {};
}

TEST_CASE("demo traffic places calls within seconds and keeps them bounded") {
   const OfficeSpec spec = default_office();
   Office office(spec);
   Traffic traffic(spec, {42, 1000, 4});
   std::size_t most = 0;
   std::uint64_t busy_seen = 0;
   for (int i = 0; i < 3000; ++i) {  // ten simulated minutes in 200 ms steps
      office.advance(200);
      traffic.step(office, office.now_ms(), kQuiet);
      most = std::max(most, traffic.calls_active());
      if (i == 25) CHECK(traffic.calls_placed() > 0);  // within five seconds
      for (const auto &ext : spec.extensions) {
         busy_seen += office.snapshot_device(ext.number).value.state == DeviceState::busy;
      }
      REQUIRE(office.call_count() <= 4 + 1);
   }
   CHECK(most <= 4);
   CHECK(traffic.calls_placed() > 100);
   CHECK(busy_seen > 0);
}

TEST_CASE("demo traffic with the same seed does the same") {
   const OfficeSpec spec = default_office();
   auto run = [&](std::uint64_t seed) {
      Office office(spec);
      Traffic traffic(spec, {seed, 1000, 4});
      std::vector<std::size_t> trace;
      for (int i = 0; i < 500; ++i) {
         office.advance(200);
         traffic.step(office, office.now_ms(), kQuiet);
         trace.push_back(office.call_count());
      }
      return trace;
   };
   CHECK(run(7) == run(7));
   CHECK(run(7) != run(8));
}
