// SPDX-License-Identifier: MIT
// Static checks of the plugin's ELF file: what it exports, what it needs from outside, and
// whether code runs at dlopen. The file is parsed here, bounds-checked, never mapped as code.
#pragma once

#include <string>
#include <vector>

#include "report.h"

namespace portier::check {

// Parses a 64-bit little-endian ELF shared object and returns the elf.* check lines.
std::vector<CheckLine> check_elf(const std::string &path);

}  // namespace portier::check
