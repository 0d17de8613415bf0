// SPDX-License-Identifier: GPL-3.0-or-later
// Reads a local export file, bounded in size. Blocking: call it on a worker thread.
#pragma once

#include <cstddef>
#include <string>

#include <portier/result.hpp>

namespace portier::osv {

// The content of `path`, at most max_bytes. Errors: PORTIER_ERR_NOT_FOUND, PORTIER_ERR_DENIED,
// PORTIER_ERR_INVALID (too large, or not a regular file), PORTIER_ERR_UNAVAILABLE. [worker]
Result<std::string> file_fetch(const std::string &path, std::size_t max_bytes);

}  // namespace portier::osv
