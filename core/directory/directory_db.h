// SPDX-License-Identifier: GPL-3.0-or-later
// The phone book's own SQLite file (WAL), apart from the main store so a million-contact import
// never blocks the main store's writers. It has its own schema version.
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "directory/directory_error.h"
#include "directory/index_tokens.h"
#include "directory/statement.h"

struct sqlite3;

namespace portier::directory {

// 2: contacts.tenant; 3: the tenant as an index token; 4: indexes without column sizes, name
// prefixes of 2 to 5 letters, no index on contacts.rank_key; 5: 4-digit number windows, "m0"
// sound tokens; 6: name prefixes of 1 letter too
inline constexpr int kSchemaVersion = 6;

// Rows of a number window read to estimate how many it has (DirectoryDb::number_window_rows).
inline constexpr std::size_t kWindowSample = 64;

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
   // About how many rows of number_index hold `window` (a 4-digit token), from the ranks of its
   // first kWindowSample rows (exact below that): what number_expression() picks the rarest
   // windows by (number_tokens.h). Kept until the book changes (a commit on this or another
   // connection); a failed read counts as common. Thread: the connection's.
   std::size_t number_window_rows(std::string_view window);

private:
   explicit DirectoryDb(sqlite3 *db) : db_(db), statements_(db) {}
   sqlite3 *db_;
   StatementCache statements_;  // finalized after sqlite3_close_v2, which waits for them
   std::optional<IndexTokens> tokens_;  // released before the connection closes
   std::map<std::string, std::size_t, std::less<>> window_rows_;
   std::pair<std::int64_t, std::int64_t> window_rows_of_{-1, -1};  // (data_version, own changes) they were counted at
   std::int64_t last_rank_ = -1;  // the book's highest rank at window_rows_of_; -1 until read
};

}  // namespace portier::directory
