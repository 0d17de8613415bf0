// SPDX-License-Identifier: GPL-3.0-or-later
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "csv_rows.h"

using portier::csv::CsvCursor;
using portier::csv::CsvLimits;
using portier::csv::RawRow;
using portier::csv::read_row;
using portier::csv::RowStep;

namespace {

std::vector<RawRow> all_rows(std::string_view text, char delimiter = ',', CsvLimits limits = {}) {
   std::vector<RawRow> rows;
   CsvCursor cursor;
   RawRow row;
   for (int guard = 0; guard < 1000; ++guard) {
      const RowStep step = read_row(text, delimiter, limits, cursor, row);
      if (step != RowStep::row) break;
      rows.push_back(row);
   }
   return rows;
}

}  // namespace

TEST_CASE("plain fields split at the delimiter, rows at LF and CRLF") {
   const auto rows = all_rows("a,b,c\r\nd,e,f\ng,h,i");
   REQUIRE(rows.size() == 3);
   CHECK(rows[0].fields == std::vector<std::string>{"a", "b", "c"});
   CHECK(rows[1].fields == std::vector<std::string>{"d", "e", "f"});
   CHECK(rows[2].fields == std::vector<std::string>{"g", "h", "i"});
   CHECK(rows[1].line == 2);
   CHECK(rows[1].offset == 7);
   CHECK(rows[2].line == 3);
}

TEST_CASE("a quoted field keeps delimiters, doubled quotes and line breaks") {
   const auto rows = all_rows("1,\"Müller, \"\"Hans\"\"\",\"first\r\nsecond\"\n2,x,y\n");
   REQUIRE(rows.size() == 2);
   CHECK(rows[0].fields == std::vector<std::string>{"1", "Müller, \"Hans\"", "first\r\nsecond"});
   CHECK(rows[0].line == 1);
   CHECK(rows[1].line == 3);  // the row after a quoted line break starts on line 3
   CHECK(rows[1].problem.empty());
}

TEST_CASE("empty fields and a trailing delimiter give empty strings") {
   const auto rows = all_rows(";;x;\n", ';');
   REQUIRE(rows.size() == 1);
   CHECK(rows[0].fields == std::vector<std::string>{"", "", "x", ""});
   CHECK(rows[0].field_count == 4);
}

TEST_CASE("blank lines are skipped but counted as lines") {
   const auto rows = all_rows("a\n\n\r\nb\n");
   REQUIRE(rows.size() == 2);
   CHECK(rows[1].fields == std::vector<std::string>{"b"});
   CHECK(rows[1].line == 4);
}

TEST_CASE("tab and pipe work as delimiters") {
   CHECK(all_rows("a\tb\n", '\t')[0].fields == std::vector<std::string>{"a", "b"});
   CHECK(all_rows("a|b\n", '|')[0].fields == std::vector<std::string>{"a", "b"});
}

TEST_CASE("a quote inside an unquoted field marks the row and reading goes on") {
   const auto rows = all_rows("1,ab\"c,d\n2,e,f\n");
   REQUIRE(rows.size() == 2);
   CHECK(rows[0].problem == "field 2: a quote inside an unquoted field (quote the whole field and double the quote)");
   CHECK(rows[1].problem.empty());
   CHECK(rows[1].fields == std::vector<std::string>{"2", "e", "f"});
}

TEST_CASE("text after a closing quote marks the row") {
   const auto rows = all_rows("\"a\"b,c\nd,e\n");
   REQUIRE(rows.size() == 2);
   CHECK(rows[0].problem == "field 1: text after the closing quote");
   CHECK(rows[0].fields == std::vector<std::string>{"a", "c"});
   CHECK(rows[1].problem.empty());
}

TEST_CASE("a quote that never closes stops reading where it opened") {
   CsvCursor cursor;
   RawRow row;
   const std::string text = "a,b\nc,\"d\ne,f\n";
   REQUIRE(read_row(text, ',', {}, cursor, row) == RowStep::row);
   REQUIRE(read_row(text, ',', {}, cursor, row) == RowStep::unclosed_quote);
   CHECK(row.line == 2);
   CHECK(row.offset == 6);
}

TEST_CASE("a field over the limit marks the row without growing past it") {
   CsvLimits limits;
   limits.max_field_bytes = 4;
   const auto rows = all_rows("abcdef,x\n\"abcdef\",y\nabcd,z\n", ',', limits);
   REQUIRE(rows.size() == 3);
   CHECK(rows[0].problem == "field 1 is longer than 4 bytes");
   CHECK(rows[0].fields[0] == "abcd");
   CHECK(rows[1].problem == "field 1 is longer than 4 bytes");
   CHECK(rows[2].problem.empty());
}

TEST_CASE("more fields than the column limit marks the row and keeps counting") {
   CsvLimits limits;
   limits.max_columns = 2;
   const auto rows = all_rows("a,b,c,d\n", ',', limits);
   REQUIRE(rows.size() == 1);
   CHECK(rows[0].fields.size() == 2);
   CHECK(rows[0].field_count == 4);
   CHECK(rows[0].problem == "4 fields, more than the limit of 2");
}

TEST_CASE("a lone CR ends a row like LF") {
   const auto rows = all_rows("a\rb\r");
   REQUIRE(rows.size() == 2);
   CHECK(rows[1].line == 2);
}
