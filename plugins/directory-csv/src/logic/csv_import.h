// SPDX-License-Identifier: GPL-3.0-or-later
// One import run over a CSV file's bytes: encoding, header, column mapping, and every data row
// turned into a Contact or a rejected row with its position and reason. A run either fails as a
// whole (nothing to import) or yields contacts plus a report.
#pragma once

#include <stop_token>
#include <string_view>
#include <vector>

#include <portier/result.hpp>

#include "column_mapping.h"
#include "contact.h"
#include "csv_rows.h"
#include "import_report.h"
#include "text_encoding.h"

namespace portier::csv {

struct ImportOptions {
   char delimiter = ',';
   Encoding encoding = Encoding::automatic;
   bool header = true;
   ColumnSpec columns;
   CsvLimits limits;
};

struct ImportResult {
   std::vector<Contact> contacts;  // in file order, one per accepted row
   ImportReport report;
   Encoding encoding = Encoding::utf8;  // what the file was read as
};

// Reads `bytes` (a whole file). Fails with PORTIER_ERR_INVALID when: a quote never closes before
// the end of the file, the header is missing or malformed, a mapped column is not in the header,
// or the file has more rows than limits.max_rows; with PORTIER_ERR_STATE when `stop` is requested.
// Rows are rejected (and the run goes on) for a bad encoding, a malformed quote, a field over the
// limit, a wrong number of fields, an empty or a duplicate source id.
Result<ImportResult> import_csv(std::string_view bytes, const ImportOptions &options, std::stop_token stop = {});

}  // namespace portier::csv
