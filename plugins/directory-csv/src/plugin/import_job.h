// SPDX-License-Identifier: GPL-3.0-or-later
// One import as the plugin's thread runs it: read the file, import it, and say what happened in
// the words of the log and the status line. The thread, READY and the sinks are the shared
// driver's (plugins/lib-directory-source).
#pragma once

#include <stop_token>

#include <portier/directory_source/import_outcome.h>

#include "csv_import.h"
#include "csv_settings.h"

namespace portier::csv {

using ImportOutcome = directory_source::ImportOutcome<ImportResult>;

// Never throws: a failure (unreadable file, bad CSV, out of memory) is a failed outcome whose
// message starts with the file's path. [import thread]
ImportOutcome run_import(const CsvSettings &settings, std::stop_token stop);

// A finished run's words: one warning per listed rejected row and one for those beyond the list;
// "of <path>: 12 read, 10 accepted, 2 rejected" for the log; "12 read, 10 accepted, 2 rejected
// (latin-1)" for the status line. The core's `directory:` section owns the schedule and shows it.
directory_source::ImportWords import_words(const CsvSettings &settings, const ImportResult &result);

}  // namespace portier::csv
