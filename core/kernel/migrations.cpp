// SPDX-License-Identifier: GPL-3.0-or-later
#include "kernel/migrations.h"

#include <array>

namespace portier::kernel {

namespace {

constexpr std::array kMigrations = {
    Migration{1, "audit of published configurations",
              "CREATE TABLE config_publish ("
              " id INTEGER PRIMARY KEY,"
              " at TEXT NOT NULL,"
              " file TEXT NOT NULL,"
              " sha256 TEXT NOT NULL,"
              " outcome TEXT NOT NULL,"
              " message TEXT NOT NULL);"},
};

}  // namespace

std::span<const Migration> migrations() { return kMigrations; }

int latest_schema_version() { return kMigrations.back().version; }

}  // namespace portier::kernel
