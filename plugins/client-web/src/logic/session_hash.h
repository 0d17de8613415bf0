// SPDX-License-Identifier: GPL-3.0-or-later
// The SHA-256 of a session id in lower-case hex: the session table's key and all the core keeps
// of a session (saved_sessions.h), so neither a table dump nor the store holds a usable cookie.
#pragma once

#include <string>
#include <string_view>

namespace portier::web {

// 64 lower-case hex digits; "" only when OpenSSL fails (no session then matches).
std::string session_id_hash(std::string_view id);

}  // namespace portier::web
