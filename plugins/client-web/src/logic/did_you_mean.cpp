// SPDX-License-Identifier: GPL-3.0-or-later
#include "did_you_mean.h"

#include <algorithm>
#include <cstddef>

namespace portier::web {
namespace {

constexpr std::size_t kLongestCompared = 64;  // names are short; longer input is no typo

std::size_t edit_distance(std::string_view a, std::string_view b) {
   std::vector<std::size_t> row(b.size() + 1);
   for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
   for (std::size_t i = 1; i <= a.size(); ++i) {
      std::size_t diagonal = row[0];
      row[0] = i;
      for (std::size_t j = 1; j <= b.size(); ++j) {
         const std::size_t above = row[j];
         const std::size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
         row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + cost});
         diagonal = above;
      }
   }
   return row[b.size()];
}

}  // namespace

std::string closest_name(std::string_view typed, const std::vector<std::string> &known) {
   if (typed.empty() || typed.size() > kLongestCompared) return "";
   const std::size_t allowed = std::max<std::size_t>(1, typed.size() / 3);
   std::string best;
   std::size_t best_distance = allowed + 1;
   for (const std::string &name : known) {
      const std::size_t d = edit_distance(typed, name);
      if (d < best_distance) {
         best_distance = d;
         best = name;
      }
   }
   return best;
}

}  // namespace portier::web
