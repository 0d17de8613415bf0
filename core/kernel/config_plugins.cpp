// SPDX-License-Identifier: GPL-3.0-or-later
// The `plugins` section: where to look for plugin files, and which plugins to load.
#include <array>
#include <map>

#include "kernel/config_sections.h"
#include "kernel/config_values.h"
#include "kernel/yaml_json.h"

namespace portier::kernel {

namespace {

constexpr std::array<std::string_view, 2> kPluginsKeys = {"search_path", "load"};
constexpr std::array<std::string_view, 6> kEntryKeys = {"id", "plugin", "file", "enabled", "settings", "secrets"};
constexpr std::size_t kMaxIdLength = 63;

// ^[a-z0-9][a-z0-9.-]{0,62}$, the rule the SDK gives descriptor ids; instance ids follow it too,
// so that log tags, status rows and directory sources read the same either way.
bool is_valid_id(std::string_view id) {
   if (id.empty() || id.size() > kMaxIdLength) return false;
   const auto lower_or_digit = [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); };
   if (!lower_or_digit(id.front())) return false;
   for (const char c : id) {
      if (!lower_or_digit(c) && c != '.' && c != '-') return false;
   }
   return true;
}

void read_search_path(const YamlEntry &section, Config &config, Findings &findings) {
   if (!expect_list(section, findings) || !section.value.IsSequence()) return;
   for (const YAML::Node &item : section.value) {
      if (auto path = read_path(YamlEntry{section.key, item, item}, config.base_dir, findings))
         config.search_path.push_back(*path);
   }
}

struct IdRegistry {
   std::map<std::string, int, std::less<>> first_line;
};

void read_settings(const YamlEntry &entry, PluginEntry &plugin, Findings &findings) {
   plugin.settings_at = findings.at(value_mark(entry.key_node, entry.value));
   if (entry.value.IsNull()) return;  // `settings:` with nothing under it: no settings
   if (!entry.value.IsMap()) {
      findings.add(value_mark(entry.key_node, entry.value), "'settings' must be a mapping");
      return;
   }
   if (auto json = yaml_to_json(entry.value, "settings", findings)) {
      plugin.settings_json = json->dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
   }
}

std::optional<PluginEntry> read_entry(const YAML::Node &node, const std::filesystem::path &base_dir,
                                      IdRegistry &ids, Findings &findings) {
   if (!node.IsMap()) {
      findings.add(node.Mark(), "each entry of 'load' must be a mapping, got " + describe(node));
      return std::nullopt;
   }
   PluginEntry plugin;
   plugin.at = findings.at(node.Mark());
   plugin.settings_at = plugin.at;
   const std::size_t before = findings.errors.size();
   bool has_id = false;
   bool has_file = false;
   for (const YamlEntry &entry : read_mapping(node, kEntryKeys, findings)) {
      if (entry.key == "id") {
         has_id = true;
         const auto id = read_string(entry, findings);
         if (!id) continue;
         if (!is_valid_id(*id)) {
            findings.add(entry.value.Mark(),
                         "plugin id '" + printable(*id) +
                             "' must be 1 to 63 characters of a-z, 0-9, '.' and '-', starting "
                             "with a letter or digit");
            continue;
         }
         const int line = findings.at(entry.value.Mark()).line;
         const auto [seen, inserted] = ids.first_line.try_emplace(*id, line);
         if (!inserted) {
            findings.add(entry.value.Mark(), "plugin id '" + *id + "' is already used at line " +
                                                 std::to_string(seen->second));
            continue;
         }
         plugin.id = *id;
      } else if (entry.key == "plugin") {
         const auto library_id = read_string(entry, findings);
         if (!library_id) continue;
         if (!is_valid_id(*library_id)) {
            findings.add(entry.value.Mark(),
                         "'plugin' must be a library's plugin id: 1 to 63 characters of a-z, 0-9, "
                         "'.' and '-', starting with a letter or digit; got '" +
                             printable(*library_id) + "'");
            continue;
         }
         plugin.plugin = *library_id;
      } else if (entry.key == "file") {
         has_file = true;
         const auto file = read_string(entry, findings);
         if (!file) continue;
         if (file->empty()) {
            findings.add(entry.value.Mark(), "'file' must not be empty");
            continue;
         }
         plugin.file = *file;
      } else if (entry.key == "enabled") {
         if (const auto enabled = read_bool(entry, findings)) plugin.enabled = *enabled;
      } else if (entry.key == "settings") {
         read_settings(entry, plugin, findings);
      } else if (entry.key == "secrets") {
         read_secrets(entry, base_dir, plugin, findings);
      }
   }
   if (!has_id) findings.add(plugin.at, "plugin entry needs 'id'");
   if (!has_file) findings.add(plugin.at, "plugin entry needs 'file'");
   if (findings.errors.size() != before) return std::nullopt;
   // Without `plugin` the instance id is the library's id, as in every file before instances.
   if (plugin.plugin.empty()) plugin.plugin = plugin.id;
   return plugin;
}

}  // namespace

void read_plugins(const YamlEntry *section, Config &config, Findings &findings) {
   if (!section || !expect_mapping(*section, findings) || !section->value.IsMap()) return;
   for (const YamlEntry &entry : read_mapping(section->value, kPluginsKeys, findings)) {
      if (entry.key == "search_path") {
         read_search_path(entry, config, findings);
      } else if (entry.key == "load") {
         if (!expect_list(entry, findings) || !entry.value.IsSequence()) continue;
         IdRegistry ids;
         for (const YAML::Node &item : entry.value) {
            if (auto plugin = read_entry(item, config.base_dir, ids, findings))
               config.plugins.push_back(std::move(*plugin));
         }
      }
   }
}

bool expect_enabled_plugin(const YamlEntry &entry, const Config &config, const std::string &id, Findings &findings) {
   for (const PluginEntry &plugin : config.plugins)
      if (plugin.id == id && plugin.enabled) return true;
   findings.add(entry.value.Mark(), "'" + printable(id) + "' is not an enabled plugin of plugins.load");
   return false;
}

}  // namespace portier::kernel
