// SPDX-License-Identifier: GPL-3.0-or-later
#include "numbers/number_plan.h"

#include <initializer_list>

namespace portier::numbers {

NumberPlan plan_of(const engine::Site &site) {
   NumberPlan plan;
   plan.country_code = site.country_code;
   plan.area_code = site.area_code;
   plan.trunk_code = site.trunk_code;
   plan.max_extension_length = site.max_extension_length;
   plan.access_codes = site.access_codes;
   return plan;
}

std::string trunk_prefix(const NumberPlan &plan, const LocalTrunk &trunk) {
   return "+" + plan.country_code + plan.area_code + trunk.code;
}

bool trunk_reaches(const LocalTrunk &trunk, std::string_view extension) {
   if (trunk.first_extension.empty() && trunk.last_extension.empty()) return true;
   // Equal-length digit strings order like the numbers they spell.
   return extension.size() == trunk.first_extension.size() && extension.size() == trunk.last_extension.size() &&
          extension >= trunk.first_extension && extension <= trunk.last_extension;
}

bool is_extension_form(const NumberPlan &plan, std::string_view digits) {
   if (plan.max_extension_length == 0 || digits.empty() || digits.size() > plan.max_extension_length) return false;
   const engine::AccessCodes &codes = plan.access_codes;
   if (!codes.public_code.empty()) return !digits.starts_with(codes.public_code);
   for (const std::string *code : {&codes.international, &codes.national, &codes.local, &plan.trunk_code}) {
      if (!code->empty() && digits.starts_with(*code)) return false;
   }
   return true;
}

}  // namespace portier::numbers
