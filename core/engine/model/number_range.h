// SPDX-License-Identifier: GPL-3.0-or-later
// The CPS number ranges of a tenant that the PBX routes to the provider service.
#pragma once

#include <cstdint>
#include <string>

namespace portier::engine {

// Consecutive E.164 numbers of equal length, first..last inclusive.
struct NumberRange {
   std::string first;
   std::string last;
   std::uint64_t size() const;
   bool operator==(const NumberRange &) const = default;
};

struct CpsNumberRanges {
   std::string tenant;
   NumberRange request_numbers;   // used while a call moves into the processing queue
   NumberRange callback_numbers;  // park slots a paged person dials
};

// The count of numbers first..last; both hold the same number of digits after '+'.
inline std::uint64_t NumberRange::size() const {
   std::uint64_t a = 0;
   std::uint64_t b = 0;
   for (std::size_t i = 1; i < first.size() && i < last.size(); ++i) {
      a = a * 10 + static_cast<std::uint64_t>(first[i] - '0');
      b = b * 10 + static_cast<std::uint64_t>(last[i] - '0');
   }
   return b >= a ? b - a + 1 : 0;
}

}  // namespace portier::engine
