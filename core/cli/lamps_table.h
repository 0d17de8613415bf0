// SPDX-License-Identifier: GPL-3.0-or-later
// The text table `portier lamps` prints from the daemon's "lamps" answer.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

namespace portier::cli {

// Columns DEVICE, STATE, SINCE, PLUGIN, two spaces apart, one line per lamp in the answer's
// order, each ending in '\n'. A forwarded lamp reads "forwarded to NUMBER". Missing or non-string
// members show "-"; entries that are not objects are skipped; control characters become spaces.
// An empty list prints "no monitored devices\n".
std::string format_lamps_table(const nlohmann::json &lamps);

}  // namespace portier::cli
