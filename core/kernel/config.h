// SPDX-License-Identifier: GPL-3.0-or-later
// The administrator's YAML file, parsed and validated into plain data.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/model/engine_data.h"
#include "kernel/directory_config.h"
#include "kernel/presence_config.h"

namespace portier::kernel {

// A place in a configuration file; line and column are 1-based, 0 when unknown.
struct Position {
   std::string file;
   int line = 0;
   int column = 0;
};

// One finding, printed as "FILE:LINE:COL: message".
struct ConfigError {
   Position where;
   std::string message;
   std::string to_string() const;
};

// Where a plugin's secret comes from: an environment variable of portierd, or a file (its
// content, without a trailing newline). Resolved when the plugin asks, so a rotated file is
// picked up without a reload; the value itself never enters the configuration or a log.
struct SecretRef {
   std::string name;               // what the plugin asks secret_get for
   std::string env;                // set for an environment variable
   std::filesystem::path file;     // set (absolute) for a file
   Position at;
   bool operator==(const SecretRef &other) const
   {
      return name == other.name && env == other.env && file == other.file;
   }
};

// One entry of plugins.load.
struct PluginEntry {
   std::string id;                 // the instance id: unique in the file, names it everywhere
   std::string plugin;             // the library's descriptor id it must load; defaults to `id`
   std::string file;               // a path, or a name looked up in the search path
   bool enabled = true;
   std::string settings_json = "{}";  // the `settings` mapping as a JSON object
   Position at;                    // the entry itself
   Position settings_at;           // its `settings` node (or the entry when absent)
   std::vector<SecretRef> secrets; // from its `secrets` mapping
};

struct SystemConfig {
   std::string name = "Portier";
   std::filesystem::path control_socket;   // absolute after loading
   std::string log_level = "info";         // debug | info | warning | error
   std::uint32_t engine_queue = 4096;      // bounded queue of posted events and callbacks
};

struct StoreConfig {
   std::filesystem::path path;             // absolute after loading
};

struct Config {
   std::filesystem::path file;             // "" for the embedded default
   std::filesystem::path base_dir;         // relative paths in the file resolve against this
   SystemConfig system;
   StoreConfig store;
   std::vector<std::filesystem::path> search_path;  // absolute; searched in order
   std::vector<PluginEntry> plugins;
   engine::EngineData engine;              // tenants, ddi, variants, announcements, number_ranges
   DirectoryConfig directory;              // the phone book's database, sources and de-duplication
   PresenceConfig presence;                // the presence plugin, its tenants, staleness and precedence
};

struct ConfigResult {
   std::optional<Config> config;           // set when errors is empty
   std::vector<ConfigError> errors;        // every finding, in file order
};

// Reads and validates a file. Relative paths resolve against the file's folder.
ConfigResult load_config_file(const std::filesystem::path &file);

// Validates YAML text; `display_name` names it in errors, relative paths resolve against base_dir.
ConfigResult load_config_text(std::string_view text, std::string_view display_name,
                              const std::filesystem::path &base_dir);

}  // namespace portier::kernel
