// SPDX-License-Identifier: GPL-3.0-or-later
// The engine's sections, read in the order their references need, then cross-checked.
#include "kernel/config_engine.h"
#include "kernel/config_sections.h"

namespace portier::kernel {

void read_engine_sections(const std::vector<YamlEntry> &sections, Config &config, Findings &findings) {
   engine::EngineData &data = config.engine;
   EngineReading reading;
   read_announcements(find_entry(sections, "announcements"), config.base_dir, data, reading, findings);
   read_variants(find_entry(sections, "variants"), data, reading, findings);
   // Tenants before number ranges: their sizes are checked against each tenant's settings.
   read_sites(find_entry(sections, "sites"), data, findings);
   read_tenants(find_entry(sections, "tenants"), data, reading, findings);
   // Accounts after tenants: each tenant gets the accounts the file does not give it.
   read_accounts(find_entry(sections, "accounts"), config.base_dir, data, reading, findings);
   read_ddi(find_entry(sections, "ddi"), data, reading, findings);
   read_number_ranges(find_entry(sections, "number_ranges"), data, reading, findings);
   check_references(data, reading, findings);
}

}  // namespace portier::kernel
