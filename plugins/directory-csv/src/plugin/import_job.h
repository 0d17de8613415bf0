// SPDX-License-Identifier: GPL-3.0-or-later
// One import as the plugin's thread runs it: read the file, import it, and say what happened in
// the words of the READY event, the status line and the log.
#pragma once

#include <cstdint>
#include <stop_token>
#include <string>
#include <vector>

#include <portier/kind/directory.h>
#include <portier/status.h>

#include "csv_import.h"
#include "csv_settings.h"

namespace portier::csv {

struct ImportOutcome {
   portier_status status = PORTIER_OK;  // PORTIER_OK, or why the run failed as a whole
   std::string message;                 // the failure, "" on success
   ImportResult result;                 // contacts and report when status is PORTIER_OK
};

ImportOutcome run_import(const CsvSettings &settings, std::stop_token stop);

// The READY event for `outcome` of the import `correlation`.
portier_directory_event ready_event(const ImportOutcome &outcome, std::uint64_t correlation);

// The status line: "last import: 12 read, 10 accepted, 2 rejected (latin-1) in 0.2 s at host
// clock 35.0 s", or "last import failed: ... in 0.0 s at host clock 35.0 s". The core's
// `directory:` section owns the schedule and shows it.
std::string status_text(const ImportOutcome &outcome, std::int64_t started_us, std::int64_t finished_us);

// One log line per listed rejected row, then one for those beyond the list.
std::vector<std::string> reject_log_lines(const std::string &path, const ImportReport &report);

}  // namespace portier::csv
