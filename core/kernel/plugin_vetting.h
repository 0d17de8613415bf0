// SPDX-License-Identifier: GPL-3.0-or-later
// Everything decided about a configured plugin before any instance exists: which file, whether
// it passes the load checks, whether it accepts its settings. Shared by portierd's start, its
// reload and `portier check`, so the three can never disagree.
#pragma once

#include <map>
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

// Whether a library declares PORTIER_FEATURE_SINGLE_INSTANCE among its `features`.
bool is_single_instance(const PluginLibrary &library);

// Admits enabled entries one by one, in file order, and refuses a second instance of a library
// that declares itself single-instance. One guard per decision (start, reload, check). [engine]
class SingleInstanceGuard {
public:
   // "" when the entry may run; else a reason starting "plugin 'ID': " that names the library and
   // the instance that already has it.
   std::string admit(const PluginEntry &entry, const PluginLibrary &library);

private:
   std::map<std::string, std::string, std::less<>> first_instance_;  // library id -> instance id
};

}  // namespace portier::kernel
