// SPDX-License-Identifier: GPL-3.0-or-later
// Loads YAML text as if it were /etc/portier/portier.yaml and lists the findings as printed.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "kernel/config.h"

namespace portier::kernel::test {

inline ConfigResult load(std::string_view text) {
   return load_config_text(text, "portier.yaml", "/etc/portier");
}

inline std::vector<std::string> printed(const ConfigResult &result) {
   std::vector<std::string> lines;
   for (const ConfigError &error : result.errors) lines.push_back(error.to_string());
   return lines;
}

inline std::vector<std::string> printed(std::string_view text) { return printed(load(text)); }

}  // namespace portier::kernel::test
