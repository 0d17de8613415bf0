// SPDX-License-Identifier: GPL-3.0-or-later
// Reads a YAML mapping's pairs once, reporting what yaml-cpp would silently accept:
// a repeated key (yaml-cpp keeps the first for lookups) and, where the keys are ours, an unknown one.
#pragma once

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include <yaml-cpp/yaml.h>

#include "kernel/config_findings.h"

namespace portier::kernel {

struct YamlEntry {
   std::string key;
   YAML::Node key_node;
   YAML::Node value;
};

// Each key once, the first occurrence, in file order. Keys that are not names are reported and
// skipped. `known` lists the valid keys; unknown ones are reported and skipped.
std::vector<YamlEntry> read_mapping(const YAML::Node &mapping,
                                    std::span<const std::string_view> known, Findings &findings);

// The same for a mapping whose keys belong to someone else (a plugin's settings): any key goes.
std::vector<YamlEntry> read_any_mapping(const YAML::Node &mapping, Findings &findings);

// The entry named `key`, or nullptr when absent.
const YamlEntry *find_entry(const std::vector<YamlEntry> &entries, std::string_view key);

}  // namespace portier::kernel
