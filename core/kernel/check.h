// SPDX-License-Identifier: GPL-3.0-or-later
// `portier check FILE`: everything portierd would verify before starting, without starting.
#pragma once

#include <filesystem>
#include <vector>

#include "config.h"

namespace portier::kernel {

// Validates the file, then loads each enabled plugin's library (code at load is forbidden by
// the ABI, so this runs nothing of the plugin but its pure entry) and runs its validate_config.
// Load-check refusals are reported as errors too, each naming the plugin.
std::vector<ConfigError> check_config(const std::filesystem::path &file);

}  // namespace portier::kernel
