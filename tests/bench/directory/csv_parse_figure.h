// SPDX-License-Identifier: GPL-3.0-or-later
// The CSV side of issue 7's "import from CSV": the generated book written once as a CSV file, then
// read back with directory.csv's own reader (plugins/directory-csv/src/logic) into the rows
// apply_source takes. Only the read is timed.
#pragma once

#include <filesystem>
#include <vector>

#include "directory/contact.h"

namespace portier::directory::bench {

struct CsvParseFigure {
   double seconds = -1;  // file read, CSV parse and conversion to Contact; -1: the run failed
   double cpu_seconds = -1;  // the same, in the process's CPU time
   double file_mb = 0;
   std::size_t rows = 0;  // rows read back
};

// Writes `rows` to `file` (not timed), then times reading them back. Single-threaded, blocking;
// a failure is printed to stderr and leaves seconds at -1.
CsvParseFigure time_csv_parse(const std::vector<Contact> &rows, const std::filesystem::path &file);

}  // namespace portier::directory::bench
