// SPDX-License-Identifier: GPL-3.0-or-later
#include "kernel/check.h"

#include <map>
#include <string>
#include <variant>

#include "kernel/directory_source_kind.h"
#include "kernel/plugin_vetting.h"
#include "kernel/presence_plugin_kind.h"
#include "kernel/secrets.h"

namespace portier::kernel {

std::vector<ConfigError> check_config(const std::filesystem::path &file)
{
   ConfigResult loaded = load_config_file(file);
   if (!loaded.errors.empty()) {
      return loaded.errors;
   }
   std::vector<ConfigError> errors;
   const Config &config = *loaded.config;
   SingleInstanceGuard instances;
   std::map<std::string, std::string> kinds;  // enabled plugin id -> its descriptor's kind
   for (const auto &entry : config.plugins) {
      if (!entry.enabled) {
         continue;
      }
      auto vetted = vet_plugin(entry, config);
      if (auto *why = std::get_if<std::string>(&vetted)) {
         errors.push_back(ConfigError{entry.at, *why});
         continue;
      }
      const char *kind = std::get<PluginLibrary>(vetted).descriptor.kind;
      kinds[entry.id] = kind ? kind : "";
      if (std::string why = instances.admit(entry, std::get<PluginLibrary>(vetted)); !why.empty()) {
         errors.push_back(ConfigError{entry.at, std::move(why)});
         continue;
      }
      std::string why = check_plugin_settings(std::get<PluginLibrary>(vetted), entry);
      if (!why.empty()) {
         errors.push_back(ConfigError{entry.settings_at, std::move(why)});
      }
      for (const auto &ref : entry.secrets) {
         std::string missing;
         if (!read_secret(ref, missing)) {
            errors.push_back(ConfigError{ref.at, "plugin '" + entry.id + "': " + missing});
         }
      }
   }
   // As portierd's start checks them (a refused library was reported above).
   for (const DirectorySourceConfig &source : config.directory.sources) {
      const auto kind = kinds.find(source.plugin);
      if (kind == kinds.end()) continue;
      if (auto error = directory_source_kind_error(source, kind->second.c_str())) errors.push_back(std::move(*error));
   }
   if (config.presence.configured && !config.presence.plugin.empty()) {
      const auto kind = kinds.find(config.presence.plugin);
      if (kind != kinds.end())
         if (auto error = presence_plugin_kind_error(config.presence, kind->second.c_str())) errors.push_back(std::move(*error));
   }
   return errors;
}

}  // namespace portier::kernel
