// SPDX-License-Identifier: GPL-3.0-or-later
// The smallest engine data a host, API or plugin test needs: tenant DEFAULT with one DDI entry.
// Tests set the times and rules they are about on the result.
#pragma once

#include <string>

#include "engine/model/engine_data.h"

namespace portier::engine::test {

inline EngineData pilot_data(const std::string &pilot) {
   EngineData data;
   Tenant tenant;
   tenant.name = std::string(kDefaultTenant);
   data.tenants.push_back(tenant);
   DdiEntry entry;
   entry.pilot_number = pilot;
   entry.tenant = tenant.name;
   data.ddi.push_back(entry);
   return data;
}

}  // namespace portier::engine::test
