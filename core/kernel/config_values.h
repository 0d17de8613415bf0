// SPDX-License-Identifier: GPL-3.0-or-later
// Typed values of the configuration file: each reader reports its own finding and returns
// nothing when the value is unusable, so the loader goes on and collects every finding.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

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

// A duration: digits and a unit (s m h d), repeated ("90s", "15m", "1h30m", "2d"), in seconds;
// nullopt when malformed or a part exceeds 70 days (the sum of at most 32 characters cannot
// overflow). The callers check their own range.
std::optional<std::int64_t> parse_duration(std::string_view text);

// A duration string within [min_s, max_s]; `range` words the bounds in the message
// ("10s to 7d"). Malformed and out-of-range values are findings at the value.
std::optional<std::int64_t> read_duration(const YamlEntry &entry, std::int64_t min_s, std::int64_t max_s,
                                          std::string_view range, Findings &findings);

std::filesystem::path resolve_path(const std::filesystem::path &base_dir,
                                   const std::filesystem::path &path);

// A mapping; null counts as an empty one. False (with a finding) for anything else.
bool expect_mapping(const YamlEntry &entry, Findings &findings);
// A list; null counts as an empty one. False (with a finding) for anything else.
bool expect_list(const YamlEntry &entry, Findings &findings);

}  // namespace portier::kernel
