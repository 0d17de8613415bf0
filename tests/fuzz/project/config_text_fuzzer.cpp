// SPDX-License-Identifier: GPL-3.0-or-later
// Fuzzes portier::kernel::load_config_text: any bytes give errors or a config, never a crash.
// Also holds the loader to what its result promises the rest of the core.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include <portier/json.hpp>

#include "broken_promise.h"
#include "kernel/config.h"

using portier::fuzz::require;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size) {
   const std::string_view text(reinterpret_cast<const char *>(data), size);
   const auto result = portier::kernel::load_config_text(text, "fuzz.yaml", "/fuzz/base");

   require(result.config.has_value() == result.errors.empty(), "a config or errors, not both");
   for (const auto &error : result.errors) {
      require(!error.message.empty(), "every error has a message");
      require(error.where.line >= 0 && error.where.column >= 0, "positions are not negative");
      (void)error.to_string();
   }
   if (!result.config) return 0;

   const auto &config = *result.config;
   require(config.system.control_socket.is_absolute(), "control_socket is absolute");
   require(config.store.path.is_absolute(), "store.path is absolute");
   for (const auto &dir : config.search_path) require(dir.is_absolute(), "search_path is absolute");
   for (const auto &plugin : config.plugins) {
      require(!plugin.id.empty() && !plugin.file.empty(), "a plugin entry has an id and a file");
      // The host hands settings_json to the plugin, whose SDK reads it strictly.
      const auto settings = portier::json::parse(plugin.settings_json);
      require(settings.ok() && settings.value().kind == portier::json::Kind::object,
              "settings_json reads back through portier::json::parse as an object");
      for (const auto &secret : plugin.secrets) {
         require(!secret.name.empty(), "a secret has a name");
         require(secret.env.empty() != secret.file.empty(), "a secret has exactly one source");
         require(secret.file.empty() || secret.file.is_absolute(), "a secret file is absolute");
      }
   }
   return 0;
}
