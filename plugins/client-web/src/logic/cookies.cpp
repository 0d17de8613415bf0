// SPDX-License-Identifier: GPL-3.0-or-later
#include "cookies.h"

namespace portier::web {
namespace {

std::string_view trim(std::string_view s) {
   while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
   while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
   return s;
}

std::string attributes(bool secure) { return std::string("; Path=/; HttpOnly; SameSite=Strict") + (secure ? "; Secure" : ""); }

}  // namespace

std::optional<std::string> find_cookie(std::string_view header, std::string_view name) {
   if (header.size() > kMaxCookieHeaderChars) return std::nullopt;
   std::size_t at = 0;
   for (std::size_t pairs = 0; pairs < kMaxCookiePairs && at <= header.size(); ++pairs) {
      const std::size_t semi = std::min(header.find(';', at), header.size());
      const std::string_view pair = trim(header.substr(at, semi - at));
      at = semi + 1;
      const std::size_t eq = pair.find('=');
      if (eq == std::string_view::npos || trim(pair.substr(0, eq)) != name) continue;
      std::string_view value = trim(pair.substr(eq + 1));
      if (value.size() >= 2 && value.front() == '"' && value.back() == '"') value = value.substr(1, value.size() - 2);
      return std::string(value);
   }
   return std::nullopt;
}

std::string session_cookie(std::string_view id, bool secure) {
   return std::string(kSessionCookie) + "=" + std::string(id) + attributes(secure);
}

std::string cleared_session_cookie(bool secure) {
   return std::string(kSessionCookie) + "=" + attributes(secure) + "; Max-Age=0";
}

}  // namespace portier::web
