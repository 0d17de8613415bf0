// SPDX-License-Identifier: GPL-3.0-or-later
// How a directory source's ABI functions refuse a call: a status returned, its words in the
// caller's portier_error (which may be NULL).
#pragma once

#include <cstdint>
#include <string_view>

#include <portier/status.h>

namespace portier::directory_source {

// Writes `message` into `err` and returns `status`. Does not allocate. [any]
portier_status refuse(portier_error *err, portier_status status, std::string_view message) noexcept;

// "exception in <where>" into `err`, PORTIER_ERR_INTERNAL returned; for catch handlers. [any]
portier_status exception_in(portier_error *err, std::string_view where) noexcept;

// read()/read_rejects() of an import that is not (or no longer) kept:
// "<what>: no finished import <correlation> (unknown, failed or already read)", PORTIER_ERR_NOT_FOUND.
// Does not allocate. [any]
portier_status no_finished_import(portier_error *err, std::string_view what, std::uint64_t correlation) noexcept;

}  // namespace portier::directory_source
