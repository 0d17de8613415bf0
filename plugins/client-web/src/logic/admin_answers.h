// SPDX-License-Identifier: GPL-3.0-or-later
// The core's answer to an admin command, made into the HTTP answer (status and JSON body) for
// the account that asked: statistics rows of other tenants taken out for a tenant manager,
// the core's refusals mapped to HTTP statuses. docs/client-web.md "Admin API". No state.
#pragma once

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "account.h"
#include "admin_routes.h"

namespace portier::web {

struct AdminAnswer {
   unsigned status = 200;
   std::string body;  // JSON object text
};

// The tenant of a statistics row that names none, by its list ("ddi", "personal_lines",
// "attendants") and key (the number, or the attendant); nullopt when not known.
using RowTenant = std::function<std::optional<std::string>(std::string_view list, std::string_view key)>;

// `core_answer` is the core's answer text (with "type":"answer"). Statistics rows are kept for
// a tenant manager when their "tenant" is the manager's, or, without one, when `row_tenant`
// says so; a row whose tenant cannot be told is for system managers only.
AdminAnswer admin_answer(AdminEndpoint endpoint, const Account &account, std::string_view core_answer,
                         const RowTenant &row_tenant = {});

// Numbers (queues, pilots, personal lines) and the tenant they belong to, as a snapshot answer
// shows them (queues with "tenant", attendants with their pilots and personal line): the
// fallback for statistics rows that carry no tenant. Empty for anything but a snapshot answer.
std::map<std::string, std::string, std::less<>> number_tenants(std::string_view snapshot_answer);

// The HTTP status for a refusal code of the core: invalid 400, forbidden 403, busy,
// unavailable and store_failed 503, anything else 502.
unsigned core_error_status(std::string_view error);

}  // namespace portier::web
