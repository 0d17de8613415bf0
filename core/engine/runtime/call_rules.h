// SPDX-License-Identifier: GPL-3.0-or-later
// The rules a call follows, resolved from its DDI entry (else its tenant) when it arrives, so a
// later reload changes new calls only.
#pragma once

#include <optional>
#include <string>

#include "engine/model/engine_data.h"

namespace portier::engine {

struct CallRules {
   std::string tenant;
   RoutingType routing = RoutingType::automatic;
   CallTimes times;
   CallType type = CallType::main;
   int priority = 5;
   bool personal = false;      // waits in an attendant's personal queue
   std::string queue;          // the pilot number or personal line
   std::string charge_number;  // sent with the legs placed for the call
   std::string company;        // the DDI entry's company or service name, shown to attendants
   std::optional<OpeningHours> opening_hours;  // absent: always open
   std::optional<Variant> night_variant;
   std::optional<Variant> time_overflow_variant;
};

// For a call to `entry`'s pilot or one of its additional numbers.
CallRules rules_for_ddi(const EngineData &data, const DdiEntry &entry);

// For a call to an attendant's personal line: the tenant's times and priority, no night variant
// (the attendant being logged on is what counts).
CallRules rules_for_personal_line(const EngineData &data, std::string_view tenant, std::string_view line);

}  // namespace portier::engine
