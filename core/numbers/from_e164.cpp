// SPDX-License-Identifier: GPL-3.0-or-later
#include "numbers/from_e164.h"

#include <vector>

#include "numbers/e164.h"
#include "numbers/extension_of.h"
#include "numbers/to_e164.h"
#include "numbers/vnr.h"

namespace portier::numbers {

namespace {

// Candidates in order of preference; the first that reads back wins, so a form that the plan
// would misread (a short local number taken for an extension) is never offered.
std::vector<std::string> dial_candidates(const NumberPlan &plan, std::string_view e164) {
   std::vector<std::string> candidates;
   if (auto node_form = vnr_from_e164(plan.vnr_nodes, e164)) candidates.push_back(*node_form);
   const engine::AccessCodes &codes = plan.access_codes;
   const std::string own_country = "+" + plan.country_code;
   if (e164.starts_with(own_country)) {
      const std::string_view national = e164.substr(own_country.size());
      if (national.starts_with(plan.area_code) && national.size() > plan.area_code.size()) {
         const std::string &local_code = codes.local.empty() ? codes.public_code : codes.local;
         candidates.push_back(local_code + std::string(national.substr(plan.area_code.size())));
      }
      candidates.push_back(codes.public_code + codes.national + std::string(national));
   }
   if (!codes.international.empty())
      candidates.push_back(codes.public_code + codes.international + std::string(e164.substr(1)));
   candidates.emplace_back(e164);
   return candidates;
}

std::vector<std::string> display_candidates(const NumberPlan &plan, std::string_view e164) {
   std::vector<std::string> candidates;
   const std::string own_country = "+" + plan.country_code;
   if (e164.starts_with(own_country)) {
      const std::string national(e164.substr(own_country.size()));
      if (!plan.area_code.empty() && national.starts_with(plan.area_code) && national.size() > plan.area_code.size())
         candidates.push_back(plan.trunk_code + plan.area_code + " " + national.substr(plan.area_code.size()));
      candidates.push_back(plan.trunk_code + national);
   }
   const std::string digits(e164.substr(1));
   candidates.push_back("+" + digits.substr(0, country_code_length(digits)) + " " +
                        digits.substr(country_code_length(digits)));
   return candidates;
}

}  // namespace

NumberResult<std::string> from_e164(const NumberPlan &plan, std::string_view e164, Form form) {
   if (!is_e164(e164))
      return NumberError{"'" + std::string(e164) + "' is not an E.164 number ('+' and 2 to 15 digits)", 0};
   if (form == Form::dial) {
      // An extension the PBX would take for an access code ("0") is dialled as a public number.
      const auto extension = extension_of(plan, e164);
      if (extension && is_extension_form(plan, *extension)) return *extension;
   }
   const auto candidates = form == Form::dial ? dial_candidates(plan, e164) : display_candidates(plan, e164);
   for (const std::string &candidate : candidates) {
      const auto back = to_e164(plan, candidate, form);
      if (back && *back == e164) return candidate;
   }
   // The "+" forms read back unchanged whatever the plan; kept as a guard.
   return NumberError{"no form of '" + std::string(e164) + "' reads back as the same number at this site", 0};
}

}  // namespace portier::numbers
