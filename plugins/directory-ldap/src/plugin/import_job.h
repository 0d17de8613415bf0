// SPDX-License-Identifier: GPL-3.0-or-later
// One import as the plugin's thread runs it: search the directory, map the entries, and say
// what happened in the words of the log and the status line. The thread, READY and the sinks are
// the shared driver's (plugins/lib-directory-source).
#pragma once

#include <cstdint>
#include <optional>
#include <stop_token>
#include <string>
#include <vector>

#include <portier/directory_source/import_outcome.h>

#include "entry_mapping.h"
#include "ldap_settings.h"

namespace portier::ldap {

// Rejected entries logged one by one; the rest of the list reaches the engine through
// read_rejects only.
inline constexpr std::size_t kMaxLoggedRejects = 1000;

// What a search brought: the contacts (empty when the run failed: a failed run hands over
// nothing), the report, and the result pages received.
struct LdapImport {
   std::vector<Contact> contacts;
   ImportReport report;
   std::uint64_t pages = 0;
};

using ImportOutcome = directory_source::ImportOutcome<LdapImport>;

// Never throws: a failure (bind refused, server unreachable, out of memory) is a failed outcome
// whose message starts with the URL. `password`: nullopt when there is none. [import thread]
ImportOutcome run_import(const LdapSettings &settings, const std::optional<std::string> &password, std::stop_token stop);

// A finished run's words: one warning per rejected entry up to kMaxLoggedRejects and one for the
// rest; "of <url> <base_dn>: 5012 read, ... in 11 pages" for the log; "5012 read, 5000 accepted,
// 12 rejected in 11 pages" for the status line.
directory_source::ImportWords import_words(const LdapSettings &settings, const LdapImport &result);

}  // namespace portier::ldap
