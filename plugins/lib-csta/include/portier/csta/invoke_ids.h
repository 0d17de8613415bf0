// SPDX-License-Identifier: GPL-3.0-or-later
// Invoke ids for our requests: 0000-9998 in turn (9999 marks events), skipping on wrap any id
// whose request is still waiting for its answer.
#pragma once

#include <bitset>
#include <cstddef>
#include <cstdint>
#include <optional>

#include "portier/csta/framing.h"

namespace portier::csta {

class InvokeIdAllocator {
public:
   // The next free id, now in flight; empty when all 9999 are in flight.
   std::optional<std::uint16_t> acquire();
   // The answer came, or the request timed out. Ids out of range are ignored.
   void release(std::uint16_t id);
   bool in_flight(std::uint16_t id) const;
   std::size_t in_flight_count() const { return in_flight_.count(); }

private:
   static constexpr std::size_t kIds = kMaxRequestInvokeId + 1;
   std::bitset<kIds> in_flight_;
   std::uint16_t next_ = 0;
};

}  // namespace portier::csta
