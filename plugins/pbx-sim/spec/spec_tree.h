// SPDX-License-Identifier: GPL-3.0-or-later
// A neutral tree of the office spec as written, so that one reader serves both sources: a YAML
// file (nodes carry their line and column) and the plugin's JSON settings (nodes carry none, and
// errors name the settings key path instead).
#pragma once

#include <cstddef>
#include <string>
#include <utility>
#include <vector>

namespace portier::pbxsim {

struct SpecNode {
   enum class Kind { null, scalar, map, list };
   Kind kind = Kind::null;
   std::string text;               // scalar: as written
   std::vector<std::string> keys;  // map: member names in document order
   std::vector<SpecNode> items;    // map: values aligned with keys; list: elements
   std::vector<std::pair<int, int>> key_at;  // map: line and column of each key, when known
   int line = 0;                   // 1-based; 0 when the source has no positions
   int column = 0;
};

// Bounds of every spec source.
constexpr std::size_t kMaxSpecBytes = 4u << 20;
constexpr int kMaxSpecDepth = 16;
constexpr std::size_t kMaxSpecNodes = 200000;

}  // namespace portier::pbxsim
