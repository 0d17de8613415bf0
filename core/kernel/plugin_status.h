// SPDX-License-Identifier: GPL-3.0-or-later
// What `portier status` shows of one plugin.
#pragma once

#include <cstdint>
#include <string>

#include <nlohmann/json_fwd.hpp>

namespace portier::kernel {

struct PluginStatus {
   std::string id;         // the instance id (the entry's `id`)
   std::string plugin;     // the library's plugin id (the entry's `plugin`, by default its `id`)
   std::string kind;       // "" when the library could not be read
   std::string name;
   std::string version;
   std::string file;       // the resolved path, or the configured file when not found
   std::string state;      // "running" | "limited" | "stopped" | "failed"; disabled ones are stopped
   std::string reason;     // "" when running
   std::string since;      // ISO 8601 UTC, when the state last changed
   std::uint64_t events = 0;  // events the plugin posted since start
};

void to_json(nlohmann::json &j, const PluginStatus &s);
void from_json(const nlohmann::json &j, PluginStatus &s);

}  // namespace portier::kernel
