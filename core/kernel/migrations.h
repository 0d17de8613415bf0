// SPDX-License-Identifier: GPL-3.0-or-later
// The store's schema as numbered steps; a database records which ones it has had.
#pragma once

#include <span>
#include <string_view>

namespace portier::kernel {

struct Migration {
   int version;                  // 1, 2, 3, ... without gaps
   std::string_view description;
   std::string_view sql;         // one or more statements, run in one transaction
};

// In version order. Append only: a published step never changes.
std::span<const Migration> migrations();

// The newest schema this build knows.
int latest_schema_version();

}  // namespace portier::kernel
