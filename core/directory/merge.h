// SPDX-License-Identifier: GPL-3.0-or-later
// De-duplication across sources: rows of different sources that share a configured key (e-mail,
// extension) are one contact; each field of the shown contact comes from the winning source for
// that field that has a value.
#pragma once

#include <span>
#include <string>
#include <utility>
#include <vector>

#include "directory/contact.h"

namespace portier::directory {

enum class DedupKey { email, extension };

enum class Field { name, company, department, location, building, cost_centre, notes, numbers, emails, extension };

struct MergePolicy {
   std::vector<DedupKey> keys;                // empty: every source row is a contact of its own
   std::vector<std::string> source_priority;  // first wins; unlisted sources after, by name
   std::vector<std::pair<Field, std::vector<std::string>>> field_priority;  // per field, overrides
};

// The keys a row is matched by: "e:" lower-case address, "x:" extension; prefixed "TENANT|" when
// the row has a tenant.
std::vector<std::string> dedup_keys_of(const Contact &row, const MergePolicy &policy);

// The shown contact of rows that are one person. Name parts travel together (Field::name), as do
// the numbers; source and source id are those of the row that wins the name. Empty rows: empty.
Contact merge(std::span<const Contact> rows, const MergePolicy &policy);

}  // namespace portier::directory
