// SPDX-License-Identifier: GPL-3.0-or-later
// Where the simulator's parts write their log lines: the program to stderr, the plugin to the
// host's log. Called on the simulator's thread.
#pragma once

#include <functional>
#include <string_view>

namespace portier::pbxsim {

enum class SimLogLevel { debug, info, warning, error };
using SimLog = std::function<void(SimLogLevel, std::string_view)>;

}  // namespace portier::pbxsim
