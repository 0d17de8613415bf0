// SPDX-License-Identifier: GPL-3.0-or-later
// What a logged-on console may see and do: its session's tenant's data only (a system manager
// sees every tenant; a message or list item without "tenant" is system-wide and goes to all);
// its commands act in its own tenant, and an attendant acts only as itself.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <variant>

#include "account.h"

namespace portier::web {

struct Scope {
   Account account;
   std::string session;  // the session id, to find its consoles again
};

// Whether a message or list item of `tenant` (nullopt: none named, system-wide) is for `scope`.
bool visible_to(const std::optional<std::string> &tenant, const Scope &scope);

// The tenant an attendant is logged on in, when known; nullopt when not known.
using AttendantTenant = std::function<std::optional<std::string>(std::string_view attendant)>;

// The tenant of an engine message (JSON object text): its top-level "tenant", else the tenant of
// its "attendant" when `attendant_tenant` knows it; nullopt when neither (system-wide).
std::optional<std::string> message_tenant(std::string_view json, const AttendantTenant &attendant_tenant = {});

// An engine answer for one console: every list one level inside it (snapshot.attendants,
// snapshot.processing, ...) without the items of other tenants. Text that is not a JSON object
// passes unchanged; for a system manager it passes unchanged.
std::string scope_answer(std::string_view answer, const Scope &scope);

// A command refused for its scope (the console gets "forbidden" with this message).
struct Forbidden {
   std::string message;
};

// A console's command (JSON object text, as read_console_frame makes it) made to act within the
// scope: "tenant" set to the session's (naming another is forbidden, except for a system
// manager); an attendant's "attendant" set to itself (naming another is forbidden); a tenant
// manager may name an attendant, but not one known to be of another tenant.
std::variant<std::string, Forbidden> scope_command(std::string_view command, const Scope &scope,
                                                  const AttendantTenant &attendant_tenant);

}  // namespace portier::web
