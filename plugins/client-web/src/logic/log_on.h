// SPDX-License-Identifier: GPL-3.0-or-later
// Log-on through the core: the body of POST /api/session, the `authenticate` command that asks
// the core to check it (the plugin never sees a hash), the core's answer, `session_ended`, and
// the JSON the browser gets back. docs/client-web.md "Sessions".
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <variant>

#include "account.h"

namespace portier::web {

inline constexpr std::size_t kMaxLogOnBodyBytes = 4096;
inline constexpr std::size_t kMaxNameChars = 128;       // tenant, user
inline constexpr std::size_t kMaxPasswordChars = 1024;

struct LogOnRequest {
   std::string tenant;
   std::string user;
   std::string password;
};

struct Invalid {
   std::string message;  // names the field and what is wrong
};

// {"tenant":"...","user":"...","password":"..."}: exactly these fields, strings, bounded.
std::variant<LogOnRequest, Invalid> read_log_on_body(std::string_view body);

// {"type":"authenticate","tenant",...,"remote":...} for the core.
std::string authenticate_command(const LogOnRequest &r, std::string_view remote);

// The core's answer to authenticate.
struct LogOnRefused {
   std::string error;    // denied, locked, busy, invalid, unavailable (or what the core said)
   std::string message;
   std::int64_t retry_after_ms = 0;  // locked: how long
};
std::variant<Account, LogOnRefused> read_authenticate_answer(std::string_view answer);

enum class EndReason { log_off, expired, closed };
std::string_view end_reason_name(EndReason reason);
// {"type":"session_ended",...} for the core's audit log.
std::string session_ended_command(const Account &a, std::string_view remote, EndReason reason);

// The browser's view of a session: {"ok":true,"account":{...},"csrf":"..."}.
std::string session_json(const Account &a, std::string_view csrf);
// {"ok":false,"error":...,"message":...[,"retry_after_ms":...]}.
std::string refusal_json(std::string_view error, std::string_view message, std::int64_t retry_after_ms = 0);
// The HTTP status for a refused log-on: 401 denied, 429 locked, 503 busy/unavailable, 400 invalid.
unsigned log_on_status(std::string_view error);
// Retry-After in whole seconds, rounded up, at least 1.
std::int64_t retry_after_seconds(std::int64_t ms);

}  // namespace portier::web
