// SPDX-License-Identifier: GPL-3.0-or-later
// portier-pbxsim's command line.
#pragma once

#include <string>
#include <vector>

#include "runtime/simulator_options.h"

namespace portier::pbxsim {

struct ProgramOptions {
   SimulatorOptions sim;
   bool help = false;
   bool verbose = false;
};

struct OptionsResult {
   ProgramOptions options;
   std::string error;  // empty when good
};

// Reads the arguments (without argv[0]) and the office and script files they name.
OptionsResult parse_options(const std::vector<std::string> &args);

extern const char *const kUsage;

}  // namespace portier::pbxsim
