// SPDX-License-Identifier: GPL-3.0-or-later
// Loads YAML text as /etc/portier/portier.yaml; lists findings as printed.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "kernel/config.h"

namespace portier::engine::test {

using Lines = std::vector<std::string>;

inline kernel::ConfigResult load(std::string_view text) {
   return kernel::load_config_text(text, "portier.yaml", "/etc/portier");
}

inline Lines printed(std::string_view text) {
   Lines lines;
   for (const kernel::ConfigError &error : load(text).errors) lines.push_back(error.to_string());
   return lines;
}

// A complete, valid set of the engine's sections; tests append to or edit copies of it.
inline constexpr std::string_view kGoodFile = R"(tenants:
  - name: DEFAULT
    routing_type: pick
    default_ring_time_ms: 2000
    default_rna_timeout_ms: 15000
    max_time_in_incoming_queue_ms: 90000
    max_transfer_time_ms: 25000
    priorities: { main: 2, intercept: 1, personal: 3 }
    attendants: 4
    max_parked: 5
    opening_hours:
      weekly:
        mon: ["08:00-12:00", "13:00-17:00"]
        fri: ["08:00-14:00"]
      exceptions:
        - { date: 2026-12-25, name: Christmas }
        - { date: 2026-12-24, open: ["08:00-12:00"] }
    night_variant: night-announcement
    time_overflow_variant: hotline-busy
  - name: Hotel
ddi:
  - pilot_number: "+498970071200"
    tenant: Hotel
    purpose: intercept
    company: Example AG
    additional_numbers: ["+498970075500"]
    overload: forwarding
    overload_destination: "+498970079999"
    max_time_in_incoming_queue_ms: 60000
    night_variant: night-forward
  - pilot_number: "+498970071201"
variants:
  - { id: hotline-busy, mode: busy }
  - { id: night-announcement, mode: announcement, announcement: not-available }
  - { id: night-forward, mode: forwarding, destination: "+4950505807890", tenant: Hotel }
announcements:
  - { id: not-available, file: media/not-available.wav }
number_ranges:
  - tenant: DEFAULT
    request_numbers: "+498970071240..59"
    callback_numbers: "+498970071260..67"
)";

}  // namespace portier::engine::test
