// SPDX-License-Identifier: GPL-3.0-or-later
// Where the plugin's own files are: <prefix>/share/portier/client-web for a plugin at
// <prefix>/lib/portier/plugins/portier-client-web.so. The build tree has the same layout.
#pragma once

#include <filesystem>
#include <optional>

namespace portier::web {

// The directory of the bundled front end, from the real path of this shared object; nullopt
// when the loader cannot say where the plugin was loaded from.
std::optional<std::filesystem::path> plugin_files_dir();

}  // namespace portier::web
