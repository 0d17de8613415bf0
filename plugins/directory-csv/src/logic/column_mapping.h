// SPDX-License-Identifier: GPL-3.0-or-later
// Which CSV column feeds which contact field: the mapping as configured (by header name, or by
// column number for files without a header) and resolved against one file's header.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include <portier/result.hpp>

#include "contact.h"

namespace portier::csv {

struct PhoneColumn {
   std::string column;
   std::int32_t type = kPhoneOffice;
};

// As configured: a header name, or the column number ("3") when the file has no header.
// "" means not mapped.
struct ColumnSpec {
   std::array<std::string, kFieldCount> fields;
   std::vector<std::string> emails;
   std::vector<PhoneColumn> phones;
};

// Resolved: field positions in a row, -1 when not mapped.
struct ColumnIndex {
   std::array<int, kFieldCount> fields{};
   std::vector<int> emails;
   std::vector<std::pair<std::int32_t, int>> phones;  // type, position
};

// Looks every mapped name up in `header`: exactly first, then ignoring ASCII case. Fails with
// PORTIER_ERR_INVALID naming every column that is missing, each with a did-you-mean over the
// header's names: "column 'Nachname' (columns.family) is not in the header (did you mean
// 'Nachnahme'?)".
Result<ColumnIndex> resolve_by_header(const ColumnSpec &spec, const std::vector<std::string> &header);

// Resolves column numbers (1-based) for a file without a header whose rows have `field_count`
// fields. Fails naming a column beyond the row.
Result<ColumnIndex> resolve_by_number(const ColumnSpec &spec, std::size_t field_count);

}  // namespace portier::csv
