// SPDX-License-Identifier: GPL-3.0-or-later
// A tenant's times in milliseconds, and a DDI entry's overrides of them.
#pragma once

#include <cstdint>
#include <optional>

namespace portier::engine {

struct CallTimes {
   std::uint32_t default_ring_time_ms = 3000;             // caller hears ringing before the answer
   std::uint32_t default_rna_timeout_ms = 20000;          // a pushed call rings this long on an attendant
   std::uint32_t max_time_in_incoming_queue_ms = 120000;  // then the time-overflow variant
   std::uint32_t max_transfer_time_ms = 30000;            // a transfer target is called this long
};

// Each time a DDI entry sets replaces its tenant's; an unset one follows the tenant.
struct CallTimeOverrides {
   std::optional<std::uint32_t> default_ring_time_ms;
   std::optional<std::uint32_t> default_rna_timeout_ms;
   std::optional<std::uint32_t> max_time_in_incoming_queue_ms;
   std::optional<std::uint32_t> max_transfer_time_ms;
};

inline CallTimes apply_overrides(CallTimes times, const CallTimeOverrides &overrides) {
   if (overrides.default_ring_time_ms) times.default_ring_time_ms = *overrides.default_ring_time_ms;
   if (overrides.default_rna_timeout_ms) times.default_rna_timeout_ms = *overrides.default_rna_timeout_ms;
   if (overrides.max_time_in_incoming_queue_ms)
      times.max_time_in_incoming_queue_ms = *overrides.max_time_in_incoming_queue_ms;
   if (overrides.max_transfer_time_ms) times.max_transfer_time_ms = *overrides.max_transfer_time_ms;
   return times;
}

}  // namespace portier::engine
