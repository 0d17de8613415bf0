// SPDX-License-Identifier: GPL-3.0-or-later
// The session cookie: read from a Cookie header (RFC 6265 pairs, several cookies, quoted
// values; bounded) and written as Set-Cookie (HttpOnly, SameSite=Strict, Secure under TLS).
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace portier::web {

inline constexpr std::string_view kSessionCookie = "portier_session";
inline constexpr std::size_t kMaxCookiePairs = 64;        // a browser sends a few; more is garbage
inline constexpr std::size_t kMaxCookieHeaderChars = 8192;

// The value of the first cookie `name` in a Cookie header; nullopt when it is absent, or the
// header is longer than kMaxCookieHeaderChars or has more than kMaxCookiePairs pairs before it.
std::optional<std::string> find_cookie(std::string_view header, std::string_view name);

// Set-Cookie for a new session id.
std::string session_cookie(std::string_view id, bool secure);
// Set-Cookie that makes the browser forget the session cookie.
std::string cleared_session_cookie(bool secure);

}  // namespace portier::web
