// SPDX-License-Identifier: GPL-3.0-or-later
// What keeps another web site from acting with a logged-on browser: a state-changing request
// (POST, PUT, PATCH, DELETE) must carry the session's CSRF token in X-CSRF-Token, and any request
// with an Origin header must come from the page's own origin (scheme, host and port as in Host).
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace portier::web {

inline constexpr std::string_view kCsrfHeader = "X-CSRF-Token";

bool changes_state(std::string_view method);

// Whether `origin` (the Origin header, "https://host:port") names the server that the Host
// header names; `tls` says which scheme the server speaks (and its default port).
bool same_origin(std::string_view origin, std::string_view host, bool tls);

struct GuardInput {
   std::string_view method;
   std::optional<std::string_view> origin;  // the Origin header when present
   std::string_view host;                   // the Host header
   bool tls = false;
   std::string_view csrf_header;            // X-CSRF-Token, "" when absent
   std::optional<std::string_view> csrf;    // the session's token; nullopt: no session or not needed
   bool csrf_exempt = false;                // log-on itself: no session yet
};

// Why the request is refused (403), or nullopt when it may go on.
std::optional<std::string> refuse_request(const GuardInput &in);

}  // namespace portier::web
