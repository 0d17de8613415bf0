// SPDX-License-Identifier: GPL-3.0-or-later
// The `announcements` section: registered WAV files, each with an id variants refer to.
#include <array>
#include <map>

#include "kernel/config_engine.h"
#include "kernel/config_sections.h"
#include "kernel/config_values.h"

namespace portier::kernel {

namespace {
constexpr std::array<std::string_view, 3> kAnnouncementKeys = {"id", "file", "tenant"};
}

void read_announcements(const YamlEntry *section, const std::filesystem::path &base_dir,
                        engine::EngineData &data, EngineReading &reading, Findings &findings) {
   if (!section) return;
   std::map<std::string, int, std::less<>> first_line;
   for (const YAML::Node &item : list_of_mappings(*section, findings)) {
      engine::Announcement announcement;
      announcement.tenant = engine::kDefaultTenant;
      bool has_id = false;
      bool has_file = false;
      for (const YamlEntry &entry : read_mapping(item, kAnnouncementKeys, findings)) {
         if (entry.key == "id") {
            has_id = true;
            const auto id = read_name_value(entry, findings);
            if (!id) continue;
            const auto [seen, inserted] = first_line.try_emplace(*id, findings.at(entry.value.Mark()).line);
            if (!inserted) {
               findings.add(entry.value.Mark(), "announcement '" + *id + "' is already defined at line " +
                                                    std::to_string(seen->second));
               continue;
            }
            announcement.id = *id;
         } else if (entry.key == "file") {
            has_file = true;
            if (auto path = read_path(entry, base_dir, findings)) announcement.file = *path;
         } else if (entry.key == "tenant") {
            if (auto tenant = read_reference(entry, EngineRefKind::tenant, reading, findings))
               announcement.tenant = *tenant;
         }
      }
      if (!has_id) findings.add(item.Mark(), "announcement needs 'id'");
      if (!has_file) findings.add(item.Mark(), "announcement needs 'file'");
      // Kept even when faulty (the file is refused anyway), so references to it are not reported too.
      if (!announcement.id.empty()) data.announcements.push_back(std::move(announcement));
   }
}

}  // namespace portier::kernel
