// SPDX-License-Identifier: GPL-3.0-or-later
// Checks an office spec before the simulator runs it.
#include "office/office_types.h"

#include <unordered_set>

namespace portier::pbxsim {

std::optional<std::string> check_spec(const OfficeSpec &spec) {
   std::unordered_set<std::string> seen;
   for (const auto &ext : spec.extensions) {
      if (ext.number.empty())
         return "an extension has an empty number";
      if (!seen.insert(ext.number).second)
         return "extension " + ext.number + " is listed twice";
   }
   for (const auto &number : spec.external_numbers) {
      if (number.empty())
         return "an external number is empty";
      if (!seen.insert(number).second)
         return "number " + number + " is listed twice (extensions and external numbers must differ)";
   }
   if (spec.max_forward_hops == 0)
      return "max_forward_hops must be at least 1";
   return std::nullopt;
}

} // namespace portier::pbxsim
