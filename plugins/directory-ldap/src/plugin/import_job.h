// SPDX-License-Identifier: GPL-3.0-or-later
// One import as the plugin's thread runs it: search the directory, map the entries, and say
// what happened in the words of the READY event, the status line and the log.
#pragma once

#include <cstdint>
#include <optional>
#include <stop_token>
#include <string>
#include <vector>

#include <portier/kind/directory.h>
#include <portier/status.h>

#include "entry_mapping.h"
#include "ldap_settings.h"

namespace portier::ldap {

// Rejected entries logged one by one; the rest of the list reaches the engine through
// read_rejects only.
inline constexpr std::size_t kMaxLoggedRejects = 1000;

struct ImportOutcome {
   portier_status status = PORTIER_OK;  // PORTIER_OK, or why the run failed as a whole
   std::string message;                 // the failure, "" on success
   std::vector<Contact> contacts;       // empty when the run failed: a failed run hands over nothing
   ImportReport report;
   std::uint64_t pages = 0;
};

ImportOutcome run_import(const LdapSettings &settings, const std::optional<std::string> &password, std::stop_token stop);

// The READY event for `outcome` of the import `correlation`.
portier_directory_event ready_event(const ImportOutcome &outcome, std::uint64_t correlation);

// "last import: 5012 read, 5000 accepted, 12 rejected in 11 pages in 1.2 s at host clock 35.0 s",
// or "last import failed: bind failed: invalid credentials ... in 0.0 s at host clock 35.0 s".
std::string status_text(const ImportOutcome &outcome, std::int64_t started_us, std::int64_t finished_us);

// One log line per rejected entry up to kMaxLoggedRejects, then one for the rest.
std::vector<std::string> reject_log_lines(const ImportReport &report);

}  // namespace portier::ldap
