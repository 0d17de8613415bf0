// SPDX-License-Identifier: GPL-3.0-or-later
#include "numbers/extension_of.h"

#include "numbers/e164.h"

namespace portier::numbers {

std::optional<std::string> extension_of(const NumberPlan &plan, std::string_view e164) {
   if (!is_e164(e164) || plan.country_code.empty()) return std::nullopt;
   std::optional<std::string> extension;
   std::size_t best = 0;  // length of the matching trunk prefix
   for (const LocalTrunk &trunk : plan.trunks) {
      const std::string prefix = trunk_prefix(plan, trunk);
      if (prefix.size() <= best || !e164.starts_with(prefix)) continue;
      const std::string_view rest = e164.substr(prefix.size());
      if (rest.empty() || rest.size() > plan.max_extension_length || !trunk_reaches(trunk, rest)) continue;
      extension = std::string(rest);
      best = prefix.size();
   }
   return extension;
}

}  // namespace portier::numbers
