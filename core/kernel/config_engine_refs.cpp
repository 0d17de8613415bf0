// SPDX-License-Identifier: GPL-3.0-or-later
// The engine sections' cross-references: every tenant, variant and announcement named exists.
#include <algorithm>
#include <string>
#include <vector>

#include "kernel/config_engine.h"
#include "kernel/did_you_mean.h"

namespace portier::kernel {

namespace {

template <typename T>
std::vector<std::string_view> names_of(const std::vector<T> &items, std::string T::*key) {
   std::vector<std::string_view> names;
   for (const T &item : items) names.push_back(item.*key);
   return names;
}

}  // namespace

void check_references(const engine::EngineData &data, const EngineReading &reading, Findings &findings) {
   const std::vector<std::string_view> tenants = names_of(data.tenants, &engine::Tenant::name);
   const std::vector<std::string_view> variants = names_of(data.variants, &engine::Variant::id);
   const std::vector<std::string_view> announcements =
       names_of(data.announcements, &engine::Announcement::id);
   for (const EngineRef &ref : reading.refs) {
      const std::vector<std::string_view> *known = &tenants;
      std::string what = "tenant";
      std::string section = "tenants";
      if (ref.kind == EngineRefKind::variant) {
         known = &variants;
         what = "variant";
         section = "variants";
      } else if (ref.kind == EngineRefKind::announcement) {
         known = &announcements;
         what = "announcement";
         section = "announcements";
      }
      if (std::find(known->begin(), known->end(), ref.id) != known->end()) continue;
      std::string message = what + " '" + ref.id + "' is not defined in '" + section + "'";
      if (const auto close = closest_word(ref.id, *known))
         message += " (did you mean '" + std::string(*close) + "'?)";
      findings.add(ref.mark, std::move(message));
   }
}

}  // namespace portier::kernel
