// SPDX-License-Identifier: GPL-3.0-or-later
// Reads a whole file into memory, refusing files over a size limit before reading them.
#pragma once

#include <cstdint>
#include <string>

#include <portier/result.hpp>

namespace portier::csv {

// The file's bytes. Errors: PORTIER_ERR_NOT_FOUND (no such file), PORTIER_ERR_DENIED (no
// permission), PORTIER_ERR_INVALID (not a regular file, or over `max_bytes`),
// PORTIER_ERR_UNAVAILABLE (any other read error); each message names the path.
Result<std::string> read_file_bytes(const std::string &path, std::uint64_t max_bytes);

}  // namespace portier::csv
