// SPDX-License-Identifier: GPL-3.0-or-later
// The OpenScape Voice "MP2" export file (protocol note, section 5) as plain records:
//
//   FILE VERSION:11.00.01:MP2
//   CS_SIP
//   ,SUBSCRIBERDN="4930555510"
//   ,EXTERNALDNFLAG=true
//   ;;
//
// Tolerant of what the note leaves open (unknown keywords and parameters are kept, `""` inside
// quotes is a quote, Latin-1 values become UTF-8, CRLF, indentation, several parameters on one
// line) and strict about structure, since a cut or foreign file must never pass for a short
// subscriber list: every failure names its line.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include <portier/result.hpp>

namespace portier::osv {

struct Mp2Param {
   std::string name;
   std::string value;   // UTF-8, quotes removed and `""` unescaped
   bool quoted = false; // written as "..." (strings) rather than bare (booleans, integers)
};

struct Mp2Record {
   std::string keyword;  // CS_SIP, HomeDn, UM, ...
   std::size_t line = 0; // where the keyword stood, 1-based
   std::vector<Mp2Param> params;

   // The first parameter called `name` (exact, case-sensitive), or nullptr.
   const Mp2Param *find(std::string_view name) const noexcept;
};

struct Mp2File {
   std::string version;  // "11.00.01" from the header line
   std::vector<Mp2Record> records;
};

struct Mp2Limits {
   std::size_t max_bytes = 64u << 20;   // the whole file
   std::size_t max_line = 64u << 10;    // one line, terminator excluded
   std::size_t max_records = 1000000;
   std::size_t max_params = 4096;       // per record
};

// Parses a whole file. Errors are PORTIER_ERR_INVALID with a message "MP2 line 12: ...". [any]
Result<Mp2File> parse_mp2(std::string_view text, const Mp2Limits &limits = {});

// `bytes` as UTF-8: unchanged when it already is valid UTF-8, else read as Latin-1. [any]
std::string to_utf8(std::string_view bytes);

}  // namespace portier::osv
