// SPDX-License-Identifier: GPL-3.0-or-later
// The text table `portier status` prints.
#pragma once

#include <string>
#include <vector>

#include "kernel/plugin_status.h"

namespace portier::control {

// Columns ID, KIND, VERSION, STATE, SINCE, REASON, left-aligned and two spaces apart, one line
// per plugin, each ending in '\n'. REASON comes last and is never truncated; empty cells show
// "-" (an empty reason shows nothing), control characters become spaces so one plugin stays
// on one line, and widths count UTF-8 characters, not bytes.
std::string format_status_table(const std::vector<kernel::PluginStatus> &plugins);

}  // namespace portier::control
