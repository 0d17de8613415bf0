// SPDX-License-Identifier: GPL-3.0-or-later
#include "csv_import.h"

#include <algorithm>
#include <cstdio>

#include "source_id_index.h"

namespace portier::csv {
namespace {

// How often (in rows) a run looks at its stop token.
constexpr std::uint64_t kStopCheckRows = 4096;
// Source ids quoted in a reason are cut to this many bytes.
constexpr std::size_t kQuotedIdBytes = 64;

std::string_view trim(std::string_view s) noexcept {
   while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
   while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
   return s;
}

// Line and byte column (both from 1) of `at` within a row that starts at `row_start` on `line`.
std::string position_text(std::string_view text, std::size_t row_start, std::uint64_t line, std::size_t at) {
   std::size_t line_start = row_start;
   for (std::size_t i = row_start; i < at; ++i) {
      if (text[i] == '\n' || (text[i] == '\r' && (i + 1 >= text.size() || text[i + 1] != '\n'))) {
         ++line;
         line_start = i + 1;
      }
   }
   return "line " + std::to_string(line) + ", byte column " + std::to_string(at - line_start + 1);
}

// Why the row's bytes cannot be read in `encoding`, or "".
std::string encoding_problem(std::string_view text, const RawRow &row, Encoding encoding) {
   const std::string_view span = text.substr(row.offset, row.end - row.offset);
   std::size_t bad = encoding == Encoding::utf8 ? first_bad_utf8(span) : std::string_view::npos;
   const std::size_t nul = span.find('\0');
   if (nul < bad) {
      return "bad encoding: a NUL byte at " + position_text(text, row.offset, row.line, row.offset + nul);
   }
   if (bad == std::string_view::npos) return {};
   char hex[8];
   std::snprintf(hex, sizeof hex, "0x%02X", static_cast<unsigned>(static_cast<unsigned char>(span[bad])));
   return "bad encoding: byte " + std::string(hex) + " at " + position_text(text, row.offset, row.line, row.offset + bad) +
          " is not valid UTF-8";
}

// A field's value as UTF-8, without surrounding blanks.
std::string_view decoded(std::string_view raw, Encoding encoding, std::string &scratch) {
   if (encoding != Encoding::latin1) return trim(raw);
   scratch.clear();
   append_latin1_as_utf8(scratch, trim(raw));
   return scratch;
}

Contact make_contact(const RawRow &row, const ColumnIndex &columns, Encoding encoding) {
   Contact c;
   c.line = row.line;
   std::size_t bytes = 0;
   for (const std::string &field : row.fields) bytes += field.size() + 1;
   // Latin-1 may double a value's bytes; the display name may repeat given and family
   c.reserve(encoding == Encoding::latin1 ? 2 * bytes : bytes + 64);
   std::string scratch;
   for (std::size_t f = 0; f < kFieldCount; ++f) {
      if (columns.fields[f] >= 0) {
         c.set(static_cast<Field>(f), decoded(row.fields[static_cast<std::size_t>(columns.fields[f])], encoding, scratch));
      }
   }
   if (c.view(Field::display).empty()) {
      // the phone book shows a name for every contact: "given family" when none is mapped
      std::string name(c.view(Field::given));
      const std::string_view family = c.view(Field::family);
      if (!name.empty() && !family.empty()) name += ' ';
      name += family;
      c.set(Field::display, name);
   }
   for (int at : columns.emails) c.add_email(decoded(row.fields[static_cast<std::size_t>(at)], encoding, scratch));
   for (const auto &[type, at] : columns.phones) {
      c.add_phone(type, decoded(row.fields[static_cast<std::size_t>(at)], encoding, scratch));
   }
   return c;
}

// The row's source id for the report when its field is there and readable, else "": a rejected
// row is easier to find in the source system by its id than by its line.
std::string readable_id(const RawRow &row, const ColumnIndex &columns, Encoding encoding) {
   const int at = columns.fields[index_of(Field::source_id)];
   if (at < 0 || static_cast<std::size_t>(at) >= row.fields.size()) return {};
   const std::string &raw = row.fields[static_cast<std::size_t>(at)];
   if (raw.find('\0') != std::string::npos) return {};
   if (encoding != Encoding::latin1 && first_bad_utf8(raw) != std::string_view::npos) return {};
   std::string scratch;
   return std::string(decoded(raw, encoding, scratch));
}

std::string quoted_id(std::string_view id) {
   return "'" + std::string(id.substr(0, kQuotedIdBytes)) + (id.size() > kQuotedIdBytes ? "...'" : "'");
}

}  // namespace

Result<ImportResult> import_csv(std::string_view bytes, const ImportOptions &options, std::stop_token stop) {
   ImportResult out;
   CsvCursor cursor;
   const bool bom = bytes.substr(0, kUtf8Bom.size()) == kUtf8Bom;
   if (bom) cursor.pos = kUtf8Bom.size();

   out.encoding = options.encoding;
   if (out.encoding == Encoding::automatic) {
      // a BOM declares UTF-8; otherwise a file that is not valid UTF-8 as a whole is Latin-1
      out.encoding = bom || first_bad_utf8(bytes) == std::string_view::npos ? Encoding::utf8 : Encoding::latin1;
   }

   const auto unclosed = [](const RawRow &row) {
      return portier::error(PORTIER_ERR_INVALID, "line " + std::to_string(row.line) + " (byte " + std::to_string(row.offset) +
                                                     "): a quoted field opened here never closes before the end of "
                                                     "the file; nothing was imported");
   };

   RawRow row;
   ColumnIndex columns;
   std::size_t expected_fields = 0;
   bool first_row = true;
   if (options.header) {
      const RowStep step = read_row(bytes, options.delimiter, options.limits, cursor, row);
      if (step == RowStep::end_of_input) return portier::error(PORTIER_ERR_INVALID, "the file is empty: no header row");
      if (step == RowStep::unclosed_quote) return unclosed(row);
      std::string why = row.problem.empty() ? encoding_problem(bytes, row, out.encoding) : row.problem;
      if (!why.empty()) {
         return portier::error(PORTIER_ERR_INVALID, "header row, line " + std::to_string(row.line) + ": " + why);
      }
      std::vector<std::string> names;
      std::string scratch;
      for (const std::string &raw : row.fields) names.emplace_back(decoded(raw, out.encoding, scratch));
      auto resolved = resolve_by_header(options.columns, names);
      if (!resolved.ok()) return resolved.error();
      columns = std::move(resolved).value();
      expected_fields = row.field_count;
      first_row = false;
   }

   // one row a line is the usual case: sizing up front saves rehashing and copying a million entries
   const auto lines = static_cast<std::uint64_t>(std::count(bytes.begin() + static_cast<std::ptrdiff_t>(cursor.pos), bytes.end(), '\n'));
   const auto expected_rows = static_cast<std::size_t>(std::min(lines + 1, options.limits.max_rows));
   out.contacts.reserve(expected_rows);
   SourceIdIndex ids(expected_rows);
   const auto source_column = static_cast<std::size_t>(index_of(Field::source_id));
   while (true) {
      const RowStep step = read_row(bytes, options.delimiter, options.limits, cursor, row);
      if (step == RowStep::end_of_input) break;
      if (step == RowStep::unclosed_quote) return unclosed(row);
      if (out.report.read >= options.limits.max_rows) {
         return portier::error(PORTIER_ERR_INVALID, "line " + std::to_string(row.line) + ": more than " +
                                                        std::to_string(options.limits.max_rows) +
                                                        " rows, the limit; nothing was imported");
      }
      if (++out.report.read % kStopCheckRows == 0 && stop.stop_requested()) {
         return portier::error(PORTIER_ERR_STATE, "import cancelled at line " + std::to_string(row.line));
      }
      if (first_row) {
         // without a header the first row sets the number of fields, and the columns resolve by number
         auto resolved = resolve_by_number(options.columns, row.field_count);
         if (!resolved.ok()) return resolved.error();
         columns = std::move(resolved).value();
         expected_fields = row.field_count;
         first_row = false;
      }
      const auto reject = [&](std::string reason) {
         add_reject(out.report, RejectedRow{row.line, row.offset, std::move(reason), readable_id(row, columns, out.encoding)});
      };
      if (std::string why = encoding_problem(bytes, row, out.encoding); !why.empty()) {
         reject(std::move(why));
         continue;
      }
      if (!row.problem.empty()) {
         reject(row.problem);
         continue;
      }
      if (row.field_count != expected_fields) {
         reject("wrong number of fields: " + std::to_string(row.field_count) + ", expected " +
                std::to_string(expected_fields) + (options.header ? " as in the header" : " as in the first row"));
         continue;
      }
      Contact contact = make_contact(row, columns, out.encoding);
      const std::string_view id = contact.view(Field::source_id);
      if (id.empty()) {
         reject("empty source id (column '" + options.columns.fields[source_column] + "')");
         continue;
      }
      // contacts stay below max_rows (5,000,000), so indexes fit 32 bits
      const auto next = static_cast<std::uint32_t>(out.contacts.size());
      if (const auto first = ids.find_or_add(id, next, out.contacts); first.has_value()) {
         reject("duplicate source id " + quoted_id(id) + " (first on line " +
                std::to_string(out.contacts[*first].line) + ")");
         continue;
      }
      out.contacts.push_back(std::move(contact));
      ++out.report.accepted;
   }
   return out;
}

}  // namespace portier::csv
