// SPDX-License-Identifier: GPL-3.0-or-later
// A DDI lookup entry: a pilot number and how its calls are handled.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "engine/model/call_times.h"
#include "engine/model/call_type.h"
#include "engine/model/opening_hours.h"

namespace portier::engine {

enum class OverloadRule {
   busy,        // no processing channel left: the caller hears busy tone
   forwarding,  // or is forwarded to overload_destination
};

struct DdiEntry {
   std::string pilot_number;  // E.164 with '+'
   std::string tenant;
   CallType purpose = CallType::main;  // never CallType::personal
   std::string company;
   std::vector<std::string> additional_numbers;  // hunt groups, route control group (E.164)
   OverloadRule overload = OverloadRule::busy;
   std::string overload_destination;             // E.164, for OverloadRule::forwarding
   CallTimeOverrides times;
   std::optional<OpeningHours> opening_hours;    // absent: the tenant's
   std::string night_variant;                    // "" : the tenant's
   std::string time_overflow_variant;            // "" : the tenant's
};

}  // namespace portier::engine
