// SPDX-License-Identifier: GPL-3.0-or-later
// RFC 4180 rows from a byte buffer: a configurable delimiter, quoted fields with "" escapes and
// line breaks inside quotes, CRLF, LF or CR line ends. Works on raw bytes (delimiter, quote and
// line breaks are ASCII in UTF-8 and Latin-1 alike), so positions are offsets into the file.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace portier::csv {

struct CsvLimits {
   std::size_t max_field_bytes = 64 * 1024;
   std::size_t max_columns = 256;
   std::uint64_t max_rows = 5'000'000;
};

// Where the next row starts. Starts at the beginning of the text (or past a BOM), line 1.
struct CsvCursor {
   std::size_t pos = 0;
   std::uint64_t line = 1;
};

struct RawRow {
   std::vector<std::string> fields;  // unescaped bytes; at most max_columns of them
   std::size_t field_count = 0;      // fields in the row, also those beyond max_columns
   std::uint64_t line = 0;           // line of the row's first byte, from 1
   std::size_t offset = 0;           // offset of the row's first byte in the text
   std::size_t end = 0;              // offset past the row's last byte, line break excluded
   std::string problem;              // why the row is malformed, "" when it is not
};

enum class RowStep {
   row,             // `row` holds the next row (check row.problem)
   end_of_input,    // no rows left
   unclosed_quote   // a quoted field runs to the end of the text; row.line/offset say where it opened
};

// Reads the row at `cursor` into `row` and moves the cursor past it. Blank lines are skipped.
// A malformed row (a quote inside an unquoted field, text after a closing quote, a field over
// the limit, too many fields) is still read to its end and returned with row.problem set, so
// the next row starts in the right place. Bounded by the text: every step advances the cursor.
RowStep read_row(std::string_view text, char delimiter, const CsvLimits &limits, CsvCursor &cursor,
                 RawRow &row);

}  // namespace portier::csv
