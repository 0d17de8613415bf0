// SPDX-License-Identifier: GPL-3.0-or-later
#include "did_you_mean.h"

#include <algorithm>
#include <cstddef>

namespace portier::trunk {
namespace {

constexpr std::size_t kMaxCompared = 64;  // longer keys are compared by their start only

char lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

// Optimal string alignment distance: insertions, deletions, substitutions, adjacent swaps.
std::size_t distance(std::string_view a, std::string_view b) {
   a = a.substr(0, kMaxCompared);
   b = b.substr(0, kMaxCompared);
   const std::size_t cols = b.size() + 1;
   std::vector<std::size_t> d((a.size() + 1) * cols);
   for (std::size_t i = 0; i <= a.size(); ++i) d[i * cols] = i;
   for (std::size_t j = 0; j <= b.size(); ++j) d[j] = j;
   for (std::size_t i = 1; i <= a.size(); ++i) {
      for (std::size_t j = 1; j <= b.size(); ++j) {
         const std::size_t cost = lower(a[i - 1]) == lower(b[j - 1]) ? 0 : 1;
         std::size_t best = std::min({d[(i - 1) * cols + j] + 1, d[i * cols + j - 1] + 1, d[(i - 1) * cols + j - 1] + cost});
         if (i > 1 && j > 1 && lower(a[i - 1]) == lower(b[j - 2]) && lower(a[i - 2]) == lower(b[j - 1])) {
            best = std::min(best, d[(i - 2) * cols + j - 2] + 1);
         }
         d[i * cols + j] = best;
      }
   }
   return d[a.size() * cols + b.size()];
}

}  // namespace

std::string closest_name(std::string_view typed, const std::vector<std::string> &known) {
   const std::size_t limit = std::clamp<std::size_t>(typed.size() / 3, 1, 3);
   std::string best;
   std::size_t best_distance = limit + 1;
   for (const std::string &name : known) {
      const std::size_t d = distance(typed, name);
      if (d < best_distance) {
         best_distance = d;
         best = name;
      }
   }
   return best;
}

}  // namespace portier::trunk
