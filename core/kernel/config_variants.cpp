// SPDX-License-Identifier: GPL-3.0-or-later
// The `variants` section: night and time-overflow variants (busy, announcement, forwarding).
#include <array>
#include <map>

#include "kernel/config_engine.h"
#include "kernel/config_sections.h"
#include "kernel/config_values.h"

namespace portier::kernel {

namespace {

constexpr std::array<std::string_view, 5> kVariantKeys = {"id", "mode", "announcement", "destination",
                                                          "tenant"};
constexpr std::array<std::string_view, 3> kModes = {"busy", "announcement", "forwarding"};

// Which of announcement / destination a mode needs, and that the other is not given.
void check_mode_fields(const YAML::Node &item, const engine::Variant &variant, const YamlEntry *mode,
                       const YamlEntry *announcement, const YamlEntry *destination, Findings &findings) {
   const auto needs = [&](const YamlEntry *given, std::string_view key, bool wanted) {
      if (wanted && !given) {
         findings.add(mode ? mode->value.Mark() : item.Mark(),
                      "a variant in mode '" + std::string(kModes[static_cast<std::size_t>(variant.mode)]) +
                          "' needs '" + std::string(key) + "'");
      } else if (!wanted && given) {
         findings.add(given->key_node.Mark(),
                      "'" + std::string(key) + "' applies only to mode '" +
                          (key == "announcement" ? "announcement" : "forwarding") + "'");
      }
   };
   needs(announcement, "announcement", variant.mode == engine::VariantMode::announcement);
   needs(destination, "destination", variant.mode == engine::VariantMode::forwarding);
}

}  // namespace

void read_variants(const YamlEntry *section, engine::EngineData &data, EngineReading &reading,
                   Findings &findings) {
   if (!section) return;
   std::map<std::string, int, std::less<>> first_line;
   for (const YAML::Node &item : list_of_mappings(*section, findings)) {
      engine::Variant variant;
      variant.tenant = engine::kDefaultTenant;
      const std::vector<YamlEntry> entries = read_mapping(item, kVariantKeys, findings);
      bool mode_ok = false;
      for (const YamlEntry &entry : entries) {
         if (entry.key == "id") {
            const auto id = read_name_value(entry, findings);
            if (!id) continue;
            const auto [seen, inserted] = first_line.try_emplace(*id, findings.at(entry.value.Mark()).line);
            if (!inserted) {
               findings.add(entry.value.Mark(), "variant '" + *id + "' is already defined at line " +
                                                    std::to_string(seen->second));
               continue;
            }
            variant.id = *id;
         } else if (entry.key == "mode") {
            if (const auto mode = read_choice(entry, kModes, findings)) {
               variant.mode = static_cast<engine::VariantMode>(*mode);
               mode_ok = true;
            }
         } else if (entry.key == "announcement") {
            if (auto id = read_reference(entry, EngineRefKind::announcement, reading, findings))
               variant.announcement = *id;
         } else if (entry.key == "destination") {
            if (auto number = read_e164(entry, findings)) variant.destination = *number;
         } else if (entry.key == "tenant") {
            if (auto tenant = read_reference(entry, EngineRefKind::tenant, reading, findings))
               variant.tenant = *tenant;
         }
      }
      if (!find_entry(entries, "id")) findings.add(item.Mark(), "variant needs 'id'");
      const YamlEntry *mode = find_entry(entries, "mode");
      if (!mode) findings.add(item.Mark(), "variant needs 'mode' (busy, announcement or forwarding)");
      if (mode_ok) {
         check_mode_fields(item, variant, mode, find_entry(entries, "announcement"),
                           find_entry(entries, "destination"), findings);
      }
      // Kept even when faulty (the file is refused anyway), so references to it are not reported too.
      if (!variant.id.empty()) data.variants.push_back(std::move(variant));
   }
}

}  // namespace portier::kernel
