// SPDX-License-Identifier: GPL-3.0-or-later
// Writes of shown contacts: the contacts row (body, search text, rank key) and, for placed rows,
// the two FTS5 indexes. Holds its prepared statements for the length of one import.
//
// Index writes are queued (a TEMP table) and applied by flush_index, one statement per index in
// rowid order: FTS5 writes a new segment at every statement, and a run of 300 changes made 600
// one-row segments whose merges rewrote the large segments of the last full build (the re-run
// regression of issue 7).
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
   // Queues adding a placed row to both indexes, or taking it out (with the values it was added
   // with). Nothing reaches the indexes before flush_index.
   std::string index(const StoredContact &row);
   std::string unindex(const StoredContact &row);
   // Applies the queued index writes, in rowid order (a row's removal before its new entry), and
   // empties the queue. Inside the caller's transaction; the error text, or "".
   std::string flush_index();
   // Forgets the queued writes (the run rebuilds both indexes instead).
   std::string drop_queued_index_writes();

private:
   std::string queue(const char *command, const StoredContact &row);

   sqlite3 *db_;
   std::string queue_error_;  // creating the queue table failed: every write reports it
   Statement find_;
   Statement insert_;
   Statement remove_;
   Statement move_;
   Statement queue_;
};

}  // namespace portier::directory
