// SPDX-License-Identifier: GPL-3.0-or-later
// What a logged-on console may see and do: its session's tenant's data only (a system manager
// sees every tenant); its commands act in its own tenant, and an attendant acts only as itself.
// Fail closed: an engine event, or a call, queue, attendant or statistics item, that names no
// tenant is shown to system managers only; just the system-wide events (kSystemWideEvents) and
// items of other lists without a tenant go to everyone.
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

// Engine events about no tenant (docs/sdk/client-api.md): the trunk's channel use and the links.
inline constexpr std::string_view kSystemWideEvents[] = {"channel_alert", "link_state"};

// Who may see an engine event.
struct Audience {
   enum class Kind { everyone, tenant, system_managers } kind = Kind::system_managers;
   std::string tenant;  // Kind::tenant
};

// The tenant an attendant is logged on in, when known; nullopt when not known.
using AttendantTenant = std::function<std::optional<std::string>(std::string_view attendant)>;

// The tenant of an engine message (JSON object text): its top-level "tenant", else the tenant of
// its "attendant" when `attendant_tenant` knows it; nullopt when neither (system-wide).
std::optional<std::string> message_tenant(std::string_view json, const AttendantTenant &attendant_tenant = {});

// The audience of an engine event (JSON object text): everyone for a system-wide event; else
// the tenant message_tenant finds; else (no tenant, or not a JSON object) system managers only.
Audience event_audience(std::string_view json, const AttendantTenant &attendant_tenant = {});
bool may_see(const Audience &audience, const Scope &scope);

// An engine answer for one console: every list one level inside it (snapshot.attendants,
// snapshot.processing, statistics.ddi, ...) without the items of other tenants; in the lists of
// calls, queues, processing calls, attendants and statistics rows (kTenantLists) an item without
// a tenant is dropped too. Text that is not a JSON object passes unchanged; for a system manager
// it passes unchanged.
std::string scope_answer(std::string_view answer, const Scope &scope);
inline constexpr std::string_view kTenantLists[] = {"calls",      "queues", "processing",
                                                    "attendants", "ddi",    "personal_lines"};

// A command refused for its scope (the console gets "forbidden" with this message).
struct Forbidden {
   std::string message;
};

// Commands that act on the whole system (plugins, configuration, phone-book sources): a console
// of a system manager may send them, no other.
inline constexpr std::string_view kSystemManagerCommands[] = {
    "plugin_status", "config_check", "config_reload", "directory_sync", "directory_status", "directory_report"};

// A console's command (JSON object text, as read_console_frame makes it) made to act within the
// scope: "tenant" set to the session's (naming another is forbidden, except for a system
// manager); an attendant's "attendant" set to itself (naming another is forbidden); a tenant
// manager may name an attendant, but not one known to be of another tenant. set_forwarding and
// clear_forwarding get "by": the session's user, for the kernel's audit row.
std::variant<std::string, Forbidden> scope_command(std::string_view command, const Scope &scope,
                                                  const AttendantTenant &attendant_tenant);

}  // namespace portier::web
