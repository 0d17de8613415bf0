// SPDX-License-Identifier: MIT
// Portier C++ wrapper: the known name an administrator probably meant, for settings errors such
// as "unknown key 'regsitrar' (did you mean 'registrar'?)". Header-only, C++17; not part of the
// ABI. Settings::finish() uses it; plugins with their own settings readers call it directly.
#ifndef PORTIER_DID_YOU_MEAN_HPP
#define PORTIER_DID_YOU_MEAN_HPP

#include <algorithm>
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace portier {

// Names are compared by their first kMaxComparedName characters only, so the work is bounded
// whatever a configuration file holds.
inline constexpr std::size_t kMaxComparedName = 64;

// Optimal string alignment distance, ASCII case ignored: an insertion, a deletion, a
// substitution or a swap of two neighbours each cost 1.
inline std::size_t name_distance(std::string_view a, std::string_view b) {
   const auto lower = [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; };
   a = a.substr(0, kMaxComparedName);
   b = b.substr(0, kMaxComparedName);
   const std::size_t cols = b.size() + 1;
   std::vector<std::size_t> d((a.size() + 1) * cols);
   for (std::size_t i = 0; i <= a.size(); ++i) d[i * cols] = i;
   for (std::size_t j = 0; j <= b.size(); ++j) d[j] = j;
   for (std::size_t i = 1; i <= a.size(); ++i) {
      for (std::size_t j = 1; j <= b.size(); ++j) {
         const std::size_t cost = lower(a[i - 1]) == lower(b[j - 1]) ? 0 : 1;
         std::size_t best = std::min({d[(i - 1) * cols + j] + 1, d[i * cols + j - 1] + 1,
                                      d[(i - 1) * cols + j - 1] + cost});
         if (i > 1 && j > 1 && lower(a[i - 1]) == lower(b[j - 2]) && lower(a[i - 2]) == lower(b[j - 1])) {
            best = std::min(best, d[(i - 2) * cols + j - 2] + 1);
         }
         d[i * cols + j] = best;
      }
   }
   return d[a.size() * cols + b.size()];
}

// The entry of `known` nearest to `typed`, when it is near enough to be a typo: within a third
// of the typed length in edits, at least 1 and at most 3; the earlier entry on a tie. "" when
// none is (or `typed` is empty).
inline std::string closest_name(std::string_view typed, const std::vector<std::string> &known) {
   if (typed.empty()) return {};
   const std::size_t limit = std::clamp<std::size_t>(typed.size() / 3, 1, 3);
   std::string best;
   std::size_t best_distance = limit + 1;
   for (const std::string &name : known) {
      const std::size_t d = name_distance(typed, name);
      if (d < best_distance) {
         best_distance = d;
         best = name;
      }
   }
   return best;
}

// "unknown key 'colr' (did you mean 'color'?)", or, when no expected key is near,
// "unknown key 'x' (expected: color, size)".
inline std::string unknown_key_text(std::string_view key, const std::vector<std::string> &expected) {
   std::string text = "unknown key '" + std::string(key) + "' (";
   const std::string near = closest_name(key, expected);
   if (!near.empty()) return text + "did you mean '" + near + "'?)";
   text += "expected: ";
   for (std::size_t i = 0; i < expected.size(); ++i) {
      if (i > 0) text += ", ";
      text += expected[i];
   }
   return text + ")";
}

}  // namespace portier

#endif  // PORTIER_DID_YOU_MEAN_HPP
