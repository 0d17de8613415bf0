// SPDX-License-Identifier: GPL-3.0-or-later
// Everything decided about a configured plugin before any instance exists: which file, whether
// it passes the load checks, whether it accepts its settings. Shared by portierd's start, its
// reload and `portier check`, so the three can never disagree.
#pragma once

#include <string>
#include <variant>

#include "kernel/config.h"
#include "kernel/plugin_library.h"

namespace portier::kernel {

// Resolves and loads the entry's library. The reason starts "plugin 'ID': ".
std::variant<PluginLibrary, std::string> vet_plugin(const PluginEntry &entry, const Config &config);

// Runs the plugin's validate_config on the entry's settings; "" when accepted, else a reason
// starting "plugin 'ID': ".
std::string check_plugin_settings(const PluginLibrary &library, const PluginEntry &entry);

// Checks that every secret the entry refers to can be read now; "" when all can, else the first
// problem, starting "plugin 'ID': " (it names the variable or file, never a value).
std::string check_plugin_secrets(const PluginEntry &entry);

}  // namespace portier::kernel
