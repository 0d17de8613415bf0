// SPDX-License-Identifier: GPL-3.0-or-later
// The benchmark's world: tenants with their pilot numbers, attendants with personal lines, and
// the engine data that describes them. Numbers are made up, E.164 with '+'.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "engine/model/engine_data.h"
#include "engine/runtime/attendant.h"

namespace portier::bench {

struct BenchSize {
   std::size_t waiting_calls = 10000;
   std::size_t attendants = 500;
   std::size_t tenants = 5;           // the last one takes calls in pick mode
   std::size_t pilots_per_tenant = 4;
   std::uint64_t steps = 200000;      // workload steps after the load
   double max_seconds = 60;           // the workload stops earlier when it takes longer
   std::uint32_t seed = 1;
};

struct BenchPlan {
   engine::EngineData data;
   std::vector<std::vector<std::string>> pilots;  // by tenant index
   std::vector<engine::LogOn> attendants;         // unavailable; the workload makes them available
   std::vector<std::size_t> attendant_tenant;     // tenant index of each attendant
};

BenchPlan make_plan(const BenchSize &size);

}  // namespace portier::bench
