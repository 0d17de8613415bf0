// SPDX-License-Identifier: GPL-3.0-or-later
// What an import run did: rows read, accepted and rejected, and the rejected rows with their
// position and reason (the first kMaxListedRejects of them; the rest are only counted).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace portier::csv {

inline constexpr std::size_t kMaxListedRejects = 1000;

struct RejectedRow {
   std::uint64_t line = 0;    // the row's first line, from 1
   std::uint64_t offset = 0;  // byte offset of the row's first byte in the file
   std::string reason;
   std::string source_key;    // the row's source id when it could be read, else ""
};

struct ImportReport {
   std::uint64_t read = 0;      // data rows (the header and blank lines not counted)
   std::uint64_t accepted = 0;
   std::uint64_t rejected = 0;
   std::vector<RejectedRow> listed;  // in file order
   std::uint64_t not_listed = 0;     // rejected beyond the list's cap
};

void add_reject(ImportReport &report, RejectedRow row);

// "1200 read, 1195 accepted, 5 rejected"
std::string summary(const ImportReport &report);

// "line 12 (byte 3456): duplicate source id 'A17' (first on line 3)"
std::string describe(const RejectedRow &row);

}  // namespace portier::csv
