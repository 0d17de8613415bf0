// SPDX-License-Identifier: GPL-3.0-or-later
// Unguessable tokens for session ids and CSRF tokens: 32 bytes from OpenSSL's RAND_bytes,
// base64url without padding (43 characters, safe in a cookie and a header).
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace portier::web {

inline constexpr std::size_t kTokenChars = 43;

// A fresh token; nullopt when the system's random source fails (never a weak one instead).
std::optional<std::string> random_token();

// base64url (RFC 4648 section 5) without padding.
std::string base64url(std::string_view bytes);

// Equal texts, in a time that does not depend on where they differ.
bool same_secret(std::string_view a, std::string_view b);

}  // namespace portier::web
