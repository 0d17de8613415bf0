// SPDX-License-Identifier: GPL-3.0-or-later
// The phone book's own SQLite file (WAL), apart from the main store so a million-contact import
// never blocks the main store's writers. It has its own schema version.
#pragma once

#include <memory>
#include <optional>
#include <string>

#include "directory/directory_error.h"
#include "directory/index_tokens.h"
#include "directory/statement.h"
#include "directory/window_counts.h"

struct sqlite3;

namespace portier::directory {

struct NameSets;

// 2: contacts.tenant; 3: the tenant as an index token; 4: indexes without column sizes, name
// prefixes of 2 to 5 letters, no index on contacts.rank_key; 5: 4-digit number windows, "m0"
// sound tokens; 6: name prefixes of 1 letter too; 7: the book's stamp
inline constexpr int kSchemaVersion = 7;

class DirectoryDb {
public:
   // Opens or creates the file at `path` (":memory:" for tests) and brings its schema to
   // kSchemaVersion; a file from a newer Portier is refused.
   static DirectoryResult<std::shared_ptr<DirectoryDb>> open(const std::string &path);

   ~DirectoryDb();
   DirectoryDb(const DirectoryDb &) = delete;
   DirectoryDb &operator=(const DirectoryDb &) = delete;

   sqlite3 *handle() const { return db_; }
   // Statements kept prepared for searches; one thread at a time uses a DirectoryDb.
   StatementCache &statements() { return statements_; }
   // The name index's tokenizer, made on first use and kept, so a search that checks rows
   // (search_tier.cpp) does not look FTS5's API up each time. Errors: as IndexTokens::open.
   DirectoryResult<IndexTokens *> index_tokens();
   // The number windows' counts (window_counts.h), forgotten first when the book has changed
   // since they were read: one check a search, however many windows it asks about. Thread: the
   // connection's.
   WindowCounts &window_counts();

   // The copy of the names in memory that searches of several words use (name_sets.h), kept
   // until replaced; null until one is given. A search uses it only while its stamp is the
   // book's (book_stamp.h), so a copy read before the latest run is harmless, just unused.
   // Thread: the connection's; the sets themselves are immutable and may be built on any thread.
   void use_name_sets(std::shared_ptr<const NameSets> sets) { name_sets_ = std::move(sets); }
   const std::shared_ptr<const NameSets> &name_sets() const { return name_sets_; }

private:
   explicit DirectoryDb(sqlite3 *db) : db_(db), statements_(db) {}
   sqlite3 *db_;
   StatementCache statements_;  // finalized after sqlite3_close_v2, which waits for them
   std::optional<IndexTokens> tokens_;  // released before the connection closes
   WindowCounts window_counts_{db_, statements_};
   std::shared_ptr<const NameSets> name_sets_;
};

}  // namespace portier::directory
