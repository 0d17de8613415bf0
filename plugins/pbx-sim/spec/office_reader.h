// SPDX-License-Identifier: GPL-3.0-or-later
// Reads an office (OfficeSpec) from configuration: a YAML file for portier-pbxsim and the
// plugin's `office_file`, or the plugin's inline `office` settings block (same structure).
// All or nothing: on any problem no spec is returned, only the first error, which names
// FILE:LINE:COLUMN for YAML or the settings key path for JSON.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include <portier/json.hpp>

#include "office/office_types.h"
#include "spec/spec_tree.h"

namespace portier::pbxsim {

struct SpecResult {
   std::optional<OfficeSpec> spec;
   std::string error;
   bool ok() const { return spec.has_value(); }
};

// `file_name` prefixes positions ("office.yaml:7:5: ...").
SpecResult read_office_yaml(std::string_view text, std::string_view file_name);
SpecResult read_office_file(const std::string &path);
// `key_path` prefixes messages ("settings.office.extensions[2].name: ...").
SpecResult read_office_json(const json::Value &office, std::string_view key_path);

// The tree reader both sources share; `origin` is the file name, or the key path when the
// nodes carry no positions.
SpecResult read_office_tree(const SpecNode &root, std::string_view origin);

}  // namespace portier::pbxsim
