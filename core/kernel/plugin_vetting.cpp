// SPDX-License-Identifier: GPL-3.0-or-later
#include "kernel/plugin_vetting.h"

#include <cstddef>
#include <cstring>
#include <string_view>

#include "kernel/secrets.h"

namespace portier::kernel {

std::variant<PluginLibrary, std::string> vet_plugin(const PluginEntry &entry, const Config &config)
{
   const std::string prefix = "plugin '" + entry.id + "': ";
   auto where = resolve_plugin_file(entry.file, config.base_dir, config.search_path);
   if (auto *why = std::get_if<std::string>(&where)) {
      return prefix + *why;
   }
   // The entry's `plugin` (its `id` when not given) is what the library must declare.
   auto loaded = load_plugin_library(std::get<std::filesystem::path>(where), entry.plugin);
   if (auto *why = std::get_if<std::string>(&loaded)) {
      return prefix + *why;
   }
   return std::get<PluginLibrary>(std::move(loaded));
}

std::string check_plugin_settings(const PluginLibrary &library, const PluginEntry &entry)
{
   portier_error err = PORTIER_ERROR_INIT;
   portier_status st = PORTIER_ERR_INTERNAL;
   try {
      st = library.descriptor.validate_config(
         portier_str{entry.settings_json.data(), entry.settings_json.size()}, &err);
   } catch (...) {
      return "plugin '" + entry.id + "': validate_config threw a C++ exception across the ABI";
   }
   if (portier_status_ok(st)) {
      return {};
   }
   std::string msg(err.message, strnlen(err.message, sizeof err.message));
   if (msg.empty()) {
      msg = std::string("settings rejected (") + portier_status_name(st) + ")";
   }
   return "plugin '" + entry.id + "': " + msg;
}

std::string check_plugin_secrets(const PluginEntry &entry)
{
   for (const auto &ref : entry.secrets) {
      std::string why;
      if (!read_secret(ref, why)) {
         return "plugin '" + entry.id + "': " + why;
      }
   }
   return {};
}

bool is_single_instance(const PluginLibrary &library)
{
   // check_descriptor has bounded the list (64 entries, NULL included) and each string.
   constexpr std::size_t kMaxFeatures = 64;
   const char *const *features = library.descriptor.features;
   if (features == nullptr) return false;
   for (std::size_t i = 0; i < kMaxFeatures && features[i] != nullptr; ++i) {
      if (std::string_view(features[i]) == PORTIER_FEATURE_SINGLE_INSTANCE) return true;
   }
   return false;
}

std::string SingleInstanceGuard::admit(const PluginEntry &entry, const PluginLibrary &library)
{
   const std::string library_id = library.descriptor.id;
   const auto [first, inserted] = first_instance_.try_emplace(library_id, entry.id);
   if (inserted || !is_single_instance(library)) return {};
   return "plugin '" + entry.id + "': library '" + library_id +
          "' declares itself single-instance (feature '" PORTIER_FEATURE_SINGLE_INSTANCE
          "') and already has the instance '" + first->second + "'";
}

}  // namespace portier::kernel
