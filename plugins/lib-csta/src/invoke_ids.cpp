// SPDX-License-Identifier: GPL-3.0-or-later
#include "portier/csta/invoke_ids.h"

namespace portier::csta {

std::optional<std::uint16_t> InvokeIdAllocator::acquire() {
   for (std::size_t tried = 0; tried < kIds; ++tried) {
      const std::uint16_t id = next_;
      next_ = static_cast<std::uint16_t>((next_ + 1) % kIds);
      if (!in_flight_.test(id)) {
         in_flight_.set(id);
         return id;
      }
   }
   return std::nullopt;
}

void InvokeIdAllocator::release(std::uint16_t id) {
   if (id < kIds) in_flight_.reset(id);
}

bool InvokeIdAllocator::in_flight(std::uint16_t id) const { return id < kIds && in_flight_.test(id); }

}  // namespace portier::csta
