// SPDX-License-Identifier: GPL-3.0-or-later
// Turns a YAML value (a plugin's settings) into JSON, bounded in depth and size.
#pragma once

#include <cstddef>
#include <optional>
#include <string_view>

#include <nlohmann/json.hpp>
#include <yaml-cpp/yaml.h>

#include "kernel/config_findings.h"

namespace portier::kernel {

// The outermost container is level 1; a container below level kMaxJsonDepth is refused.
inline constexpr int kMaxJsonDepth = 32;
// Aliases share nodes, so a small file can name a huge tree; this caps the values we build.
inline constexpr std::size_t kMaxJsonValues = 100000;

// A plain scalar as the YAML core schema reads it: null, bool, integer, double, else string.
nlohmann::json plain_scalar_to_json(std::string_view text);

// Null when a finding was reported (depth, size, repeated or non-name keys).
std::optional<nlohmann::json> yaml_to_json(const YAML::Node &node, std::string_view what,
                                           Findings &findings);

}  // namespace portier::kernel
