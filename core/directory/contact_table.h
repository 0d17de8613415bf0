// SPDX-License-Identifier: GPL-3.0-or-later
// Writes of shown contacts: the contacts row (body, search text, rank key) and, for placed rows,
// the two FTS5 indexes. Holds its prepared statements for the length of one import.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "directory/contact.h"
#include "directory/search_text.h"
#include "directory/statement.h"

namespace portier::directory {

struct StoredContact {
   std::int64_t rank = 0;  // negative: not yet placed, not in the FTS5 indexes
   std::string rank_key;
   std::string names;
   std::string sounds;
   std::string digits;
   std::string scope;  // scope_token(tenant)
};

class ContactTable {
public:
   explicit ContactTable(sqlite3 *db);

   std::optional<StoredContact> find(std::int64_t id);
   // Writes the row of `id` at `rank` (a negative placeholder until placed), replacing any row of
   // that id. `body` null: the contact is its only source row, whose body search reads.
   std::string write(std::int64_t id, const Contact &contact, const std::string *body, std::int64_t rank);
   std::string write(std::int64_t id, std::int64_t rank, const std::string &rank_key, const std::string *body,
                     const SearchText &text, std::string_view tenant);
   std::string remove(std::int64_t id);
   std::string move(std::int64_t from_rank, std::int64_t to_rank);
   // Adds a placed row to both indexes, or takes it out (with the values it was added with).
   std::string index(const StoredContact &row);
   std::string unindex(const StoredContact &row);

private:
   Statement find_;
   Statement insert_;
   Statement remove_;
   Statement move_;
   Statement index_names_;
   Statement index_numbers_;
   Statement unindex_names_;
   Statement unindex_numbers_;
};

}  // namespace portier::directory
