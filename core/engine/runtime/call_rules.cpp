// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/runtime/call_rules.h"

namespace portier::engine {

namespace {

// A tenant missing from validated data cannot happen; the default values keep the call alive.
const Tenant &tenant_or_default(const EngineData &data, std::string_view name) {
   static const Tenant kFallback{};
   const Tenant *tenant = find_tenant(data, name);
   return tenant ? *tenant : kFallback;
}

std::optional<Variant> variant_of(const EngineData &data, const std::string &own, const std::string &inherited) {
   const std::string &id = own.empty() ? inherited : own;
   if (id.empty()) return std::nullopt;
   const Variant *variant = find_variant(data, id);
   if (!variant) return std::nullopt;
   return *variant;
}

}  // namespace

CallRules rules_for_ddi(const EngineData &data, const DdiEntry &entry) {
   const Tenant &tenant = tenant_or_default(data, entry.tenant);
   CallRules rules;
   rules.tenant = entry.tenant;
   rules.routing = tenant.routing_type;
   rules.times = apply_overrides(tenant.times, entry.times);
   rules.type = entry.purpose;
   rules.priority = tenant.priority(entry.purpose);
   rules.queue = entry.pilot_number;
   rules.charge_number = entry.pilot_number;
   rules.company = entry.company;
   rules.opening_hours = entry.opening_hours ? entry.opening_hours : tenant.opening_hours;
   rules.night_variant = variant_of(data, entry.night_variant, tenant.night_variant);
   rules.time_overflow_variant = variant_of(data, entry.time_overflow_variant, tenant.time_overflow_variant);
   return rules;
}

CallRules rules_for_personal_line(const EngineData &data, std::string_view tenant_name, std::string_view line) {
   const Tenant &tenant = tenant_or_default(data, tenant_name);
   CallRules rules;
   rules.tenant = std::string(tenant_name);
   rules.routing = tenant.routing_type;
   rules.times = tenant.times;
   rules.type = CallType::personal;
   rules.priority = tenant.priority(CallType::personal);
   rules.personal = true;
   rules.queue = std::string(line);
   rules.charge_number = std::string(line);
   rules.time_overflow_variant = variant_of(data, "", tenant.time_overflow_variant);
   return rules;
}

}  // namespace portier::engine
