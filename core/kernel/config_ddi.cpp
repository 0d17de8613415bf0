// SPDX-License-Identifier: GPL-3.0-or-later
// The `ddi` section: DDI lookup entries, one per pilot number.
#include <array>
#include <map>

#include "kernel/config_engine.h"
#include "kernel/config_sections.h"
#include "kernel/config_values.h"

namespace portier::kernel {

namespace {

constexpr std::array<std::string_view, 14> kDdiKeys = {
    "pilot_number", "tenant", "purpose", "company", "additional_numbers", "overload",
    "overload_destination", "default_ring_time_ms", "default_rna_timeout_ms",
    "max_time_in_incoming_queue_ms", "max_transfer_time_ms", "opening_hours", "night_variant",
    "time_overflow_variant"};
// A DDI entry's purpose is any call type but `personal`, which only personal lines have.
constexpr std::span<const std::string_view> kPurposes{engine::kCallTypeNames.data(),
                                                      engine::kCallTypeCount - 1};
constexpr std::array<std::string_view, 2> kOverloadRules = {"busy", "forwarding"};
constexpr std::size_t kMaxAdditionalNumbers = 32;
constexpr std::size_t kMaxCompanyLength = 128;

void read_additional_numbers(const YamlEntry &entry, engine::DdiEntry &ddi, Findings &findings) {
   if (!expect_list(entry, findings) || !entry.value.IsSequence()) return;
   if (entry.value.size() > kMaxAdditionalNumbers) {
      findings.add(entry.value.Mark(), "'additional_numbers' holds more than " +
                                           std::to_string(kMaxAdditionalNumbers) + " numbers");
      return;
   }
   for (const YAML::Node &item : entry.value) {
      if (auto number = read_e164(YamlEntry{entry.key, item, item}, findings))
         ddi.additional_numbers.push_back(*number);
   }
}

void read_ddi_entry(const YamlEntry &entry, engine::DdiEntry &ddi, EngineReading &reading,
                    Findings &findings) {
   if (read_time_key(entry, ddi.times, findings)) return;
   if (entry.key == "tenant") {
      if (auto tenant = read_reference(entry, EngineRefKind::tenant, reading, findings)) ddi.tenant = *tenant;
   } else if (entry.key == "purpose") {
      if (const auto purpose = read_choice(entry, kPurposes, findings))
         ddi.purpose = static_cast<engine::CallType>(*purpose);
   } else if (entry.key == "company") {
      const auto company = read_string(entry, findings);
      if (company && company->size() > kMaxCompanyLength) {
         findings.add(entry.value.Mark(), "'company' must be at most " +
                                              std::to_string(kMaxCompanyLength) + " bytes long");
      } else if (company) {
         ddi.company = *company;
      }
   } else if (entry.key == "additional_numbers") {
      read_additional_numbers(entry, ddi, findings);
   } else if (entry.key == "overload") {
      if (const auto rule = read_choice(entry, kOverloadRules, findings))
         ddi.overload = static_cast<engine::OverloadRule>(*rule);
   } else if (entry.key == "overload_destination") {
      if (auto number = read_e164(entry, findings)) ddi.overload_destination = *number;
   } else if (entry.key == "opening_hours") {
      ddi.opening_hours = read_opening_hours(entry, findings);
   } else if (entry.key == "night_variant") {
      if (auto id = read_reference(entry, EngineRefKind::variant, reading, findings)) ddi.night_variant = *id;
   } else if (entry.key == "time_overflow_variant") {
      if (auto id = read_reference(entry, EngineRefKind::variant, reading, findings))
         ddi.time_overflow_variant = *id;
   }
}

// overload: forwarding needs a destination; busy takes none.
void check_overload(const YAML::Node &item, const engine::DdiEntry &ddi,
                    const std::vector<YamlEntry> &entries, Findings &findings) {
   const YamlEntry *rule = find_entry(entries, "overload");
   const YamlEntry *destination = find_entry(entries, "overload_destination");
   if (ddi.overload == engine::OverloadRule::forwarding && !destination) {
      findings.add(rule ? rule->value.Mark() : item.Mark(),
                   "'overload: forwarding' needs 'overload_destination'");
   } else if (ddi.overload == engine::OverloadRule::busy && destination) {
      findings.add(destination->key_node.Mark(), "'overload_destination' applies only to 'overload: forwarding'");
   }
}

}  // namespace

void read_ddi(const YamlEntry *section, engine::EngineData &data, EngineReading &reading,
              Findings &findings) {
   if (!section) return;
   std::map<std::string, int, std::less<>> first_line;
   for (const YAML::Node &item : list_of_mappings(*section, findings)) {
      engine::DdiEntry ddi;
      ddi.tenant = engine::kDefaultTenant;
      const std::size_t before = findings.errors.size();
      const std::vector<YamlEntry> entries = read_mapping(item, kDdiKeys, findings);
      for (const YamlEntry &entry : entries) {
         if (entry.key != "pilot_number") {
            read_ddi_entry(entry, ddi, reading, findings);
            continue;
         }
         const auto pilot = read_e164(entry, findings);
         if (!pilot) continue;
         const auto [seen, inserted] = first_line.try_emplace(*pilot, findings.at(entry.value.Mark()).line);
         if (!inserted) {
            findings.add(entry.value.Mark(), "pilot number '" + *pilot + "' is already used at line " +
                                                 std::to_string(seen->second));
            continue;
         }
         ddi.pilot_number = *pilot;
      }
      if (!find_entry(entries, "pilot_number")) findings.add(item.Mark(), "DDI entry needs 'pilot_number'");
      check_overload(item, ddi, entries, findings);
      if (findings.errors.size() == before) data.ddi.push_back(std::move(ddi));
   }
}

}  // namespace portier::kernel
