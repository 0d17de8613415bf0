// SPDX-License-Identifier: GPL-3.0-or-later
// pbx.sim's settings, read and checked in one place for validate and create: the office (inline
// `office` block or `office_file`), the port, the script file and the demo traffic.
#pragma once

#include <string_view>

#include <portier/result.hpp>

#include "runtime/simulator_options.h"

namespace portier::pbxsim {

Result<SimulatorOptions> read_plugin_config(std::string_view json);

}  // namespace portier::pbxsim
