// SPDX-License-Identifier: GPL-3.0-or-later
// Which plugins a `directory.sources[]` entry may name, known from the library's descriptor
// alone: one of kind directory, or of kind pbx (whether a pbx plugin serves portier.pbx.sync/1
// is known only once it runs: pbx.osv offers it when its settings have `sync`). Shared by
// `portier check` (check.cpp) and portierd's start (directory_service.cpp), so both say the same.
#pragma once

#include <optional>

#include "kernel/config.h"
#include "kernel/directory_config.h"

namespace portier::kernel {

// The error, at the source's `plugin:` value, when `kind` (the descriptor's, may be null) cannot fill
// the phone book; nullopt when it may.
std::optional<ConfigError> directory_source_kind_error(const DirectorySourceConfig &source, const char *kind);

}  // namespace portier::kernel
