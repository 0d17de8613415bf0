// SPDX-License-Identifier: GPL-3.0-or-later
// The registrar's side of HTTP Digest (RFC 2617 with MD5, qop=auth or none): read the
// Authorization a client sent and check its response against the user's password.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace portier::pbxsim {

// `Digest username="a", realm="b", ...` as lower-case parameter names and unquoted values.
// Nullopt when it is not Digest or longer than 4 KiB.
std::optional<std::map<std::string, std::string>> parse_authorization(std::string_view value);

// True when `params` answer the nonce correctly for `method` with this user and password.
bool digest_matches(const std::map<std::string, std::string> &params, std::string_view method,
                    std::string_view user, std::string_view password);

}  // namespace portier::pbxsim
