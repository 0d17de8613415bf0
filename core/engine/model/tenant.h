// SPDX-License-Identifier: GPL-3.0-or-later
// A tenant: its own attendants, numbers, times, priorities and opening hours.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>

#include "engine/model/call_times.h"
#include "engine/model/call_type.h"
#include "engine/model/opening_hours.h"

namespace portier::engine {

inline constexpr std::string_view kDefaultTenant = "DEFAULT";

enum class RoutingType {
   automatic,  // the engine pushes calls to available attendants
   pick,       // attendants take calls from the queue themselves
};

struct Tenant {
   std::string name;
   RoutingType routing_type = RoutingType::automatic;
   CallTimes times;
   // Indexed by CallType; 1 is the most urgent, 9 the least.
   std::array<int, kCallTypeCount> priorities = {5, 5, 5, 5, 5, 5, 5};
   std::uint32_t attendants = 0;   // sizes the request numbers: 8 + attendants
   std::uint32_t max_parked = 0;   // sizes the callback numbers: 3 + max parked
   std::optional<OpeningHours> opening_hours;  // absent: always open
   std::string night_variant;                  // "" : none
   std::string time_overflow_variant;          // "" : none

   int priority(CallType type) const { return priorities[static_cast<std::size_t>(type)]; }
};

}  // namespace portier::engine
