// SPDX-License-Identifier: GPL-3.0-or-later
// Fuzzes portier::kernel::load_config_text: any bytes give errors or a config, never a crash.
// Also holds the loader to what its result promises the rest of the core.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include <portier/json.hpp>

#include "kernel/config.h"

namespace {

// A failed promise is a finding: abort so libFuzzer keeps the input.
void require(bool holds) {
   if (!holds) std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size) {
   const std::string_view text(reinterpret_cast<const char *>(data), size);
   const auto result = portier::kernel::load_config_text(text, "fuzz.yaml", "/fuzz/base");

   // Either a config or errors, never both or neither.
   require(result.config.has_value() == result.errors.empty());
   for (const auto &error : result.errors) {
      require(!error.message.empty());
      require(error.where.line >= 0 && error.where.column >= 0);
      (void)error.to_string();
   }
   if (!result.config) return 0;

   const auto &config = *result.config;
   require(config.system.control_socket.is_absolute());
   require(config.store.path.is_absolute());
   for (const auto &dir : config.search_path) require(dir.is_absolute());
   for (const auto &plugin : config.plugins) {
      require(!plugin.id.empty() && !plugin.file.empty());
      // The host hands settings_json to the plugin, whose SDK reads it strictly: anything the
      // loader accepts must read back there as an object.
      const auto settings = portier::json::parse(plugin.settings_json);
      require(settings.ok() && settings.value().kind == portier::json::Kind::object);
      for (const auto &secret : plugin.secrets) {
         require(!secret.name.empty());
         require(secret.env.empty() != secret.file.empty());  // exactly one source
         require(secret.file.empty() || secret.file.is_absolute());
      }
   }
   return 0;
}
