// SPDX-License-Identifier: GPL-3.0-or-later
// The presence plugins' id sets cut into requests: the ids of a map in a stable order, and that
// list in batches of the service's limit (30 for RingCentral, 100 for Circuit, 650 for Graph).
// Header-only, no library, so the plugins' logic and fuzz targets use it as it is.
// Thread tag: [any]; no state.
#pragma once

#include <algorithm>
#include <cstddef>
#include <string>
#include <vector>

namespace portier::http {

// `items` in consecutive batches of at most `size`, in order; none when `size` is 0. [any]
inline std::vector<std::vector<std::string>> chunks_of(const std::vector<std::string> &items, std::size_t size) {
   std::vector<std::vector<std::string>> out;
   if (size == 0) return out;
   for (std::size_t i = 0; i < items.size(); i += size) {
      const std::size_t end = std::min(items.size(), i + size);
      out.emplace_back(items.begin() + static_cast<std::ptrdiff_t>(i), items.begin() + static_cast<std::ptrdiff_t>(end));
   }
   return out;
}

// The keys of `map` (string keys), sorted: the same id set always gives the same requests. [any]
template <class Map>
std::vector<std::string> sorted_keys(const Map &map) {
   std::vector<std::string> keys;
   keys.reserve(map.size());
   for (const auto &entry : map) keys.push_back(entry.first);
   std::sort(keys.begin(), keys.end());
   return keys;
}

}  // namespace portier::http
