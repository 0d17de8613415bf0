// SPDX-License-Identifier: GPL-3.0-or-later
// What a Portier presence event carries besides its key and time, as every presence plugin
// (teams, unify-office, circuit, skype, uc) maps its service's presence to it. Header-only, no
// library, so the plugins' network-free logic and fuzz targets use it as it is.
// Thread tag: [any]; a plain value.
#pragma once

#include <cstdint>
#include <string>

namespace portier::http {

struct PresenceValue {
   std::int32_t availability = 0;  // PORTIER_AVAILABILITY_*
   std::int32_t activity = 0;      // PORTIER_ACTIVITY_*
   std::string activity_text;      // the service's own word the activity came from, or ""
   std::string note;               // the person's status message, or "" (UCWA has none)

   bool operator==(const PresenceValue &) const = default;
};

}  // namespace portier::http
