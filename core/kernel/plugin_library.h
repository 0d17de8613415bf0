// SPDX-License-Identifier: GPL-3.0-or-later
// Finding, mapping and vetting a plugin's shared object. Nothing of the plugin runs here but
// its pure entry function.
#pragma once

#include <filesystem>
#include <string>
#include <variant>
#include <vector>

#include <portier/plugin.h>

namespace portier::kernel {

struct PluginLibrary {
   std::filesystem::path path;   // the file that was mapped
   const portier_plugin *raw = nullptr;   // the plugin's own descriptor, valid for the process
   portier_plugin descriptor{};  // a zero-padded copy the host reads from
};

// The host service ids this core serves to plugins (checked against `required_services`).
const std::vector<std::string> &served_host_services();

// Where a plugin file named without a folder is looked for after the configured search path:
// <folder of the running executable>/../lib/portier/plugins, the same in the build tree and
// after installation.
std::filesystem::path default_plugin_dir();

// Resolves `file` (a path with '/' relative to base_dir, or a name looked up in `search_path`
// then the default folder, with or without ".so"). Returns the path or a one-line reason.
std::variant<std::filesystem::path, std::string> resolve_plugin_file(
   const std::string &file, const std::filesystem::path &base_dir,
   const std::vector<std::filesystem::path> &search_path);

// Maps the library (RTLD_NOW | RTLD_LOCAL; it stays mapped until the process exits), asks the
// entry for ABI major 1 and runs every load check. `expected_id` is the configured id. Returns
// the library or one line saying why it was refused (without the plugin-id prefix).
std::variant<PluginLibrary, std::string> load_plugin_library(const std::filesystem::path &path,
                                                             const std::string &expected_id);

}  // namespace portier::kernel
