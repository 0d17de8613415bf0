// SPDX-License-Identifier: GPL-3.0-or-later
// The fingerprint recorded with each published configuration.
#pragma once

#include <string>
#include <string_view>

namespace portier::kernel {

// SHA-256 of `data` as 64 lowercase hex digits.
std::string sha256_hex(std::string_view data);

}  // namespace portier::kernel
