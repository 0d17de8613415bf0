// SPDX-License-Identifier: GPL-3.0-or-later
#include "kernel/did_you_mean.h"

#include <algorithm>
#include <vector>

#include "kernel/config_findings.h"

namespace portier::kernel {

std::size_t edit_distance(std::string_view a, std::string_view b) {
   if (a.size() > kMaxEditWord || b.size() > kMaxEditWord) return static_cast<std::size_t>(-1);
   const std::size_t width = b.size() + 1;
   // Three rows suffice: the swap rule looks back two rows.
   std::vector<std::size_t> before(width), previous(width), current(width);
   for (std::size_t j = 0; j < width; ++j) previous[j] = j;
   for (std::size_t i = 1; i <= a.size(); ++i) {
      current[0] = i;
      for (std::size_t j = 1; j < width; ++j) {
         const std::size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
         std::size_t best = std::min({previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost});
         if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
            best = std::min(best, before[j - 2] + 1);
         current[j] = best;
      }
      std::swap(before, previous);
      std::swap(previous, current);
   }
   return previous[b.size()];
}

std::optional<std::string_view> closest_word(std::string_view word,
                                             std::span<const std::string_view> candidates) {
   std::optional<std::string_view> best;
   std::size_t best_distance = 0;
   for (const std::string_view candidate : candidates) {
      const std::size_t limit = std::max<std::size_t>(1, candidate.size() / 3);
      const std::size_t distance = edit_distance(word, candidate);
      if (distance > limit) continue;
      if (!best || distance < best_distance) {
         best = candidate;
         best_distance = distance;
      }
   }
   return best;
}

std::string unknown_key_message(std::string_view key, std::span<const std::string_view> expected) {
   std::string message = "unknown key '" + printable(key) + "'";
   if (const auto suggestion = closest_word(key, expected)) {
      return message + " (did you mean '" + std::string(*suggestion) + "'?)";
   }
   message += " (expected one of: ";
   for (std::size_t i = 0; i < expected.size(); ++i) {
      if (i > 0) message += ", ";
      message += expected[i];
   }
   return message + ")";
}

}  // namespace portier::kernel
