// SPDX-License-Identifier: GPL-3.0-or-later
// An attendant logged on to a workplace.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "engine/model/tenant.h"

namespace portier::engine {

struct LogOn {
   std::string attendant;  // the account name
   std::string tenant = std::string(kDefaultTenant);
   std::string device;         // the workplace phone, E.164
   std::string personal_line;  // E.164, or "" for none
   std::vector<std::string> pilots;  // the pilot numbers whose calls the attendant takes
   bool available = false;
   std::string greeting = {};  // media id of the personal greeting, "" for none
};

struct Attendant {
   std::string id;
   std::string tenant;
   std::string device;
   std::string personal_line;
   std::vector<std::string> pilots;
   bool available = false;
   std::string greeting;             // "" for none
   std::string call;                 // offered, greeting or connected, "" when free
   std::int64_t idle_since_ms = 0;   // the longest idle gets the next call
   std::uint64_t logon_sequence = 0; // breaks ties in idle time
};

}  // namespace portier::engine
