// SPDX-License-Identifier: GPL-3.0-or-later
// The administrators' REST API under /api/admin (docs/client-web.md "Admin API"): which path
// and method is which endpoint, which roles may use it, its query parameters, and the command
// the core is asked. Every refusal has its HTTP status and a stable error code: 404 unknown
// path, 405 wrong method, 401 no session, 403 role, 400 bad parameters. No sockets, no state.
#pragma once

#include <string>
#include <string_view>
#include <variant>

#include "account.h"

namespace portier::web {

enum class AdminEndpoint { plugins, config_check, config_reload, statistics, audit };

inline constexpr std::string_view kAdminPrefix = "/api/admin";
inline constexpr std::size_t kMaxQueryValueChars = 64;

// What to ask the core, once the route, method, role and parameters are right.
struct AdminCall {
   AdminEndpoint endpoint = AdminEndpoint::plugins;
   std::string command;  // JSON object text for portier.host.client/1 submit
};

struct AdminRefusal {
   unsigned status = 400;
   std::string error;    // not_found, method_not_allowed, unauthorized, forbidden, invalid
   std::string message;  // for people: names the path, method, role or parameter
   std::string allow;    // 405: the Allow header's value
};

// True for targets whose path is /api/admin or below it.
bool is_admin_path(std::string_view path);

// The endpoint for `method` and `target` (origin-form, with its query) asked by `account`
// (nullptr: no session). Tenant managers get their own tenant forced on the audit query.
std::variant<AdminCall, AdminRefusal> route_admin(std::string_view method, std::string_view target,
                                                  const Account *account);

}  // namespace portier::web
