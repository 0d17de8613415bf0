// SPDX-License-Identifier: GPL-3.0-or-later
#include "csv_rows.h"

#include <algorithm>

namespace portier::csv {
namespace {

bool is_break(char c) noexcept { return c == '\n' || c == '\r'; }

// Steps over one line break (CRLF, LF or CR) at `pos`, if there is one.
void skip_break(std::string_view text, CsvCursor &cursor) noexcept {
   if (cursor.pos >= text.size()) return;
   if (text[cursor.pos] == '\r') {
      ++cursor.pos;
      if (cursor.pos < text.size() && text[cursor.pos] == '\n') ++cursor.pos;
      ++cursor.line;
   } else if (text[cursor.pos] == '\n') {
      ++cursor.pos;
      ++cursor.line;
   }
}

void note(RawRow &row, std::string what) {
   if (row.problem.empty()) row.problem = std::move(what);
}

// Appends to a field up to the limit; remembers an overrun instead of growing further.
struct FieldText {
   std::string &text;
   bool over = false;

   void add(std::string_view bytes, std::size_t limit) {
      const std::size_t room = limit - text.size();
      if (bytes.size() > room) {
         text.append(bytes.substr(0, room));
         over = true;
      } else {
         text.append(bytes);
      }
   }
};

// The string for field `k`: the row's own (reused between rows, so a file costs few
// allocations), or `spill` for fields beyond the column limit, which are dropped.
std::string &field_slot(RawRow &row, std::size_t k, std::size_t max_columns, std::string &spill) {
   if (k >= max_columns) return spill;
   if (k == row.fields.size()) row.fields.emplace_back();
   return row.fields[k];
}

}  // namespace

RowStep read_row(std::string_view text, char delimiter, const CsvLimits &limits, CsvCursor &cursor,
                 RawRow &row) {
   const std::size_t n = text.size();
   while (cursor.pos < n && is_break(text[cursor.pos])) skip_break(text, cursor);
   if (cursor.pos >= n) return RowStep::end_of_input;

   row.field_count = 0;
   std::string spill;
   row.problem.clear();
   row.line = cursor.line;
   row.offset = cursor.pos;
   const char stops[] = {delimiter, '"', '\r', '\n', '\0'};
   const std::string_view stop_set(stops, 4);

   while (true) {
      FieldText field{field_slot(row, row.field_count, limits.max_columns, spill)};
      field.text.clear();
      const std::size_t number = row.field_count + 1;
      if (cursor.pos < n && text[cursor.pos] == '"') {
         const std::size_t open_pos = cursor.pos;
         const std::uint64_t open_line = cursor.line;
         ++cursor.pos;
         bool closed = false;
         while (cursor.pos < n) {
            const std::size_t next = text.find_first_of("\"\r\n", cursor.pos);
            const std::size_t stop = next == std::string_view::npos ? n : next;
            field.add(text.substr(cursor.pos, stop - cursor.pos), limits.max_field_bytes);
            cursor.pos = stop;
            if (stop == n) break;
            const char c = text[stop];
            if (c == '"') {
               if (stop + 1 < n && text[stop + 1] == '"') {
                  field.add("\"", limits.max_field_bytes);
                  cursor.pos = stop + 2;
                  continue;
               }
               cursor.pos = stop + 1;
               closed = true;
               break;
            }
            // a line break inside quotes is part of the field
            const std::size_t before = cursor.pos;
            skip_break(text, cursor);
            field.add(text.substr(before, cursor.pos - before), limits.max_field_bytes);
         }
         if (!closed) {
            row.line = open_line;
            row.offset = open_pos;
            return RowStep::unclosed_quote;
         }
         if (cursor.pos < n && text[cursor.pos] != delimiter && !is_break(text[cursor.pos])) {
            note(row, "field " + std::to_string(number) + ": text after the closing quote");
            while (cursor.pos < n && text[cursor.pos] != delimiter && !is_break(text[cursor.pos])) ++cursor.pos;
         }
      } else {
         while (cursor.pos < n) {
            const std::size_t next = text.find_first_of(stop_set, cursor.pos);
            const std::size_t stop = next == std::string_view::npos ? n : next;
            field.add(text.substr(cursor.pos, stop - cursor.pos), limits.max_field_bytes);
            cursor.pos = stop;
            if (stop == n || text[stop] != '"') break;
            note(row, "field " + std::to_string(number) +
                          ": a quote inside an unquoted field (quote the whole field and double the quote)");
            field.add("\"", limits.max_field_bytes);
            ++cursor.pos;
         }
      }
      if (field.over) {
         note(row, "field " + std::to_string(number) + " is longer than " +
                       std::to_string(limits.max_field_bytes) + " bytes");
      }
      ++row.field_count;
      if (cursor.pos < n && text[cursor.pos] == delimiter) {
         ++cursor.pos;
         continue;
      }
      break;
   }
   row.fields.resize(std::min(row.field_count, limits.max_columns));
   row.end = cursor.pos;
   skip_break(text, cursor);
   if (row.field_count > limits.max_columns) {
      note(row, std::to_string(row.field_count) + " fields, more than the limit of " +
                    std::to_string(limits.max_columns));
   }
   return RowStep::row;
}

}  // namespace portier::csv
