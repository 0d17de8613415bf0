// SPDX-License-Identifier: GPL-3.0-or-later
// directory.csv's settings (the plugin entry's `settings`, handed over as JSON), read and checked
// in one place for validate_config, create and reconfigure. Every problem names its key; unknown
// keys get a did-you-mean. docs/admin/directory-csv.md describes each setting.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include <portier/result.hpp>

#include "column_mapping.h"
#include "csv_rows.h"
#include "text_encoding.h"

namespace portier::csv {

inline constexpr std::uint64_t kDefaultMaxBytes = 512ull * 1024 * 1024;
inline constexpr std::uint64_t kMaxMaxBytes = 4ull * 1024 * 1024 * 1024;

struct CsvSettings {
   std::string path;  // absolute: the SDK does not tell a plugin where its configuration lives
   char delimiter = ',';
   Encoding encoding = Encoding::automatic;
   bool header = true;
   ColumnSpec columns;
   std::uint64_t max_bytes = kDefaultMaxBytes;
};

// Fails with PORTIER_ERR_CONFIG listing every problem, "settings.<key>: ...", joined by "; ".
Result<CsvSettings> parse_csv_settings(std::string_view json);

}  // namespace portier::csv
