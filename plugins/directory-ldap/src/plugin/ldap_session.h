// SPDX-License-Identifier: GPL-3.0-or-later
// One LDAP conversation with libldap for an import: connect (LDAP, LDAPS or StartTLS), simple
// bind, and a paged search (RFC 2696) whose entries go to a callback page by page. Blocking: it
// runs on the plugin's import thread, bounded by the settings' timeout per operation.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <stop_token>
#include <string>

#include <portier/status.h>

#include "entry_mapping.h"
#include "ldap_settings.h"

namespace portier::ldap {

// Result pages a search follows at most, so a server that never ends its cookie cannot hold the
// thread for ever (10,000,000 entries at a page size of 1).
inline constexpr std::uint64_t kMaxPages = 10'000'000;

struct SearchOutcome {
   portier_status status = PORTIER_OK;  // PORTIER_OK, or why the search failed as a whole
   std::string message;                 // for the administrator: "bind failed: invalid credentials"
   std::uint64_t pages = 0;             // result pages received
};

// Called with each entry and the page (from 1) it came in.
using EntrySink = std::function<void(const Entry &, std::uint64_t page)>;

// Runs the whole conversation. `password` is the bind password (nullopt: none to be had, which
// fails a bind with a DN). Returns at the first failure; entries handed over before it are the
// caller's to discard. Checks `stop` between pages.
SearchOutcome search_directory(const LdapSettings &settings, const std::optional<std::string> &password,
                               const EntrySink &sink, std::stop_token stop);

}  // namespace portier::ldap
