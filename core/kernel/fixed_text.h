// SPDX-License-Identifier: GPL-3.0-or-later
// Text out of the SDK's C records: fixed char arrays (never read past their end) and C strings
// that may be null. One spelling for every kernel file, so unity batches see one definition.
#pragma once

#include <cstddef>
#include <string>

#include <portier/text.hpp>

namespace portier::kernel {

// The NUL-terminated contents of a record's fixed array.
template <std::size_t N>
std::string text_of(const char (&field)[N]) {
   return std::string(portier::view(field));
}

// A C string a plugin handed over, "" for null.
inline std::string text_or_empty(const char *s) { return s ? std::string(s) : std::string(); }

}  // namespace portier::kernel
