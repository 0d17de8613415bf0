// SPDX-License-Identifier: GPL-3.0-or-later
// Typed values of the configuration file: each reader reports its own finding and returns
// nothing when the value is unusable, so the loader goes on and collects every finding.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>

#include "kernel/config_findings.h"
#include "kernel/yaml_mapping.h"

namespace portier::kernel {

std::optional<std::string> read_string(const YamlEntry &entry, Findings &findings);

// Strictly true or false (and their YAML 1.2 capitalisations): yes/no/on/off/1 are refused.
std::optional<bool> read_bool(const YamlEntry &entry, Findings &findings);

// A plain decimal integer within [min, max].
std::optional<std::int64_t> read_integer(const YamlEntry &entry, std::int64_t min,
                                         std::int64_t max, Findings &findings);

// A non-empty path, absolute after resolving against base_dir.
std::optional<std::filesystem::path> read_path(const YamlEntry &entry,
                                               const std::filesystem::path &base_dir,
                                               Findings &findings);

std::filesystem::path resolve_path(const std::filesystem::path &base_dir,
                                   const std::filesystem::path &path);

// A mapping; null counts as an empty one. False (with a finding) for anything else.
bool expect_mapping(const YamlEntry &entry, Findings &findings);
// A list; null counts as an empty one. False (with a finding) for anything else.
bool expect_list(const YamlEntry &entry, Findings &findings);

}  // namespace portier::kernel
