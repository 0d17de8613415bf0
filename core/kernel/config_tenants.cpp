// SPDX-License-Identifier: GPL-3.0-or-later
// The `tenants` section: routing type, times, priorities, sizing and opening hours per tenant.
#include <algorithm>
#include <array>
#include <map>

#include "kernel/config_engine.h"
#include "kernel/config_sections.h"
#include "kernel/config_values.h"

namespace portier::kernel {

namespace {

constexpr std::array<std::string_view, 12> kTenantKeys = {
    "name", "routing_type", "default_ring_time_ms", "default_rna_timeout_ms",
    "max_time_in_incoming_queue_ms", "max_transfer_time_ms", "priorities", "attendants",
    "max_parked", "opening_hours", "night_variant", "time_overflow_variant"};
constexpr std::array<std::string_view, 2> kRoutingTypes = {"automatic", "pick"};
constexpr std::int64_t kMinPriority = 1;
constexpr std::int64_t kMaxPriority = 9;
// Far above any installation; bounds the sizes the number ranges are checked against.
constexpr std::int64_t kMaxAttendants = 10000;
constexpr std::int64_t kMaxParked = 10000;

void read_priorities(const YamlEntry &entry, engine::Tenant &tenant, Findings &findings) {
   if (!expect_mapping(entry, findings) || !entry.value.IsMap()) return;
   for (const YamlEntry &type : read_mapping(entry.value, engine::kCallTypeNames, findings)) {
      const auto it = std::find(engine::kCallTypeNames.begin(), engine::kCallTypeNames.end(), type.key);
      if (const auto value = read_integer(type, kMinPriority, kMaxPriority, findings))
         tenant.priorities[static_cast<std::size_t>(it - engine::kCallTypeNames.begin())] =
             static_cast<int>(*value);
   }
}

void read_tenant_entry(const YamlEntry &entry, engine::Tenant &tenant, engine::CallTimeOverrides &times,
                       EngineReading &reading, Findings &findings) {
   if (read_time_key(entry, times, findings)) return;
   if (entry.key == "routing_type") {
      if (const auto type = read_choice(entry, kRoutingTypes, findings))
         tenant.routing_type = static_cast<engine::RoutingType>(*type);
   } else if (entry.key == "priorities") {
      read_priorities(entry, tenant, findings);
   } else if (entry.key == "attendants") {
      if (const auto n = read_integer(entry, 0, kMaxAttendants, findings))
         tenant.attendants = static_cast<std::uint32_t>(*n);
   } else if (entry.key == "max_parked") {
      if (const auto n = read_integer(entry, 0, kMaxParked, findings))
         tenant.max_parked = static_cast<std::uint32_t>(*n);
   } else if (entry.key == "opening_hours") {
      tenant.opening_hours = read_opening_hours(entry, findings);
   } else if (entry.key == "night_variant") {
      if (auto id = read_reference(entry, EngineRefKind::variant, reading, findings))
         tenant.night_variant = *id;
   } else if (entry.key == "time_overflow_variant") {
      if (auto id = read_reference(entry, EngineRefKind::variant, reading, findings))
         tenant.time_overflow_variant = *id;
   }
}

}  // namespace

void read_tenants(const YamlEntry *section, engine::EngineData &data, EngineReading &reading,
                  Findings &findings) {
   std::map<std::string, int, std::less<>> first_line;
   if (section) {
      for (const YAML::Node &item : list_of_mappings(*section, findings)) {
         engine::Tenant tenant;
         engine::CallTimeOverrides times;
         const std::vector<YamlEntry> entries = read_mapping(item, kTenantKeys, findings);
         for (const YamlEntry &entry : entries) {
            if (entry.key != "name") {
               read_tenant_entry(entry, tenant, times, reading, findings);
               continue;
            }
            const auto name = read_name_value(entry, findings);
            if (!name) continue;
            const auto [seen, inserted] = first_line.try_emplace(*name, findings.at(entry.value.Mark()).line);
            if (!inserted) {
               findings.add(entry.value.Mark(), "tenant '" + *name + "' is already defined at line " +
                                                    std::to_string(seen->second));
               continue;
            }
            tenant.name = *name;
         }
         if (!find_entry(entries, "name")) findings.add(item.Mark(), "tenant needs 'name'");
         tenant.times = engine::apply_overrides(tenant.times, times);
         // Kept even when faulty (the file is refused anyway), so references to it are not reported too.
         if (!tenant.name.empty()) data.tenants.push_back(std::move(tenant));
      }
   }
   if (!first_line.contains(engine::kDefaultTenant)) {
      engine::Tenant fallback;
      fallback.name = engine::kDefaultTenant;
      data.tenants.insert(data.tenants.begin(), std::move(fallback));
   }
}

}  // namespace portier::kernel
