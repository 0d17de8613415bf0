// SPDX-License-Identifier: GPL-3.0-or-later
// Reading a plugin's secrets from where the configuration says they live.
#pragma once

#include <optional>
#include <string>

#include "kernel/config.h"

namespace portier::kernel {

// The secret's current value, or nullopt with `why` saying what is missing (never the value).
std::optional<std::string> read_secret(const SecretRef &ref, std::string &why);

}  // namespace portier::kernel
