// SPDX-License-Identifier: GPL-3.0-or-later
#include "directory/directory_db.h"

#include <sqlite3.h>

#include "directory/number_tokens.h"
#include "directory/rank_order.h"
#include "directory/search_text.h"
#include "directory/statement.h"

namespace portier::directory {

namespace {

// contacts: the shown (merged) contacts; the rowid is the rank, so FTS5 returns matches already
// ranked and a first page stops after a page of rows. `id` is the stable contact id. `body` is
// NULL when the contact is its only source row's (most are): the row's body is read instead.
// source_rows: each source's rows as delivered, grouped into contacts by contact_id.
// dedup_keys: the configured keys (e-mail, extension) of each source row.
// name_index: FTS5 over contacts' names and sounds (external content). number_index: FTS5 over
// number_tokens(digits), contentless: the windows are made again from `digits` when needed.
constexpr std::string_view kSchemaV1 = R"sql(
CREATE TABLE contacts(
   rank INTEGER PRIMARY KEY,
   id INTEGER NOT NULL UNIQUE,
   rank_key TEXT NOT NULL,
   body TEXT,
   names TEXT NOT NULL,
   sounds TEXT NOT NULL,
   digits TEXT NOT NULL);
CREATE INDEX contacts_by_rank_key ON contacts(rank_key);
CREATE TABLE source_rows(
   source TEXT NOT NULL,
   source_id TEXT NOT NULL,
   contact_id INTEGER NOT NULL,
   body TEXT NOT NULL,
   PRIMARY KEY(source, source_id)) WITHOUT ROWID;
CREATE INDEX source_rows_by_contact ON source_rows(contact_id);
CREATE TABLE dedup_keys(
   key TEXT NOT NULL,
   source TEXT NOT NULL,
   source_id TEXT NOT NULL,
   PRIMARY KEY(key, source, source_id)) WITHOUT ROWID;
CREATE INDEX dedup_keys_by_row ON dedup_keys(source, source_id);
CREATE VIRTUAL TABLE name_index USING fts5(names, sounds, content='contacts', content_rowid='rank',
   tokenize='unicode61 remove_diacritics 2', prefix='2 3', detail='column');
CREATE VIRTUAL TABLE number_index USING fts5(digits, content='', tokenize='unicode61', prefix='3', detail='none');
)sql";

// Version 2: each shown contact's tenant ("*": every tenant's), which searches filter on.
constexpr std::string_view kSchemaV2 = "ALTER TABLE contacts ADD COLUMN tenant TEXT NOT NULL DEFAULT '*'";

// Version 3: each contact's scope_token(tenant) in both indexes, so a small tenant's search walks
// only its own matches instead of every tenant's (docs/directory.md, "Tenant scope"). The indexes
// are filled after the last step (version 5), which every older file goes through.
constexpr std::string_view kSchemaV3 = R"sql(
ALTER TABLE contacts ADD COLUMN scope TEXT NOT NULL DEFAULT 't2a';
UPDATE contacts SET scope = portier_scope_token(tenant) WHERE tenant <> '*';
DROP TABLE name_index;
DROP TABLE number_index;
CREATE VIRTUAL TABLE name_index USING fts5(names, sounds, scope, content='contacts', content_rowid='rank',
   tokenize='unicode61 remove_diacritics 2', prefix='2 3', detail='column');
CREATE VIRTUAL TABLE number_index USING fts5(digits, content='', tokenize='unicode61', prefix='3', detail='none');
)sql";

// Version 4 (issue 7):
// - Both indexes lose their docsize tables (columnsize=0). Nothing ranks by bm25 (the rowid order
//   is the ranking), so the per-contact column sizes were written and never read: a B-tree row per
//   contact per index (24 MB at a million contacts) and a share of every build.
// - name_index gains prefix indexes of 4 and 5 letters. Without them a 4- or 5-letter prefix made
//   FTS5 merge the doclists of every term it starts before the first row came back (26 ms at p99 at
//   a million contacts); longer words are read through their 5-letter prefix (search_tier.h), and
//   search_query.h's kIndexedPrefixChars names the longest length.
// - contacts_by_rank_key goes (63 MB): placed rows' rowids ascend with their rank keys, so a new
//   contact's gap is found by bisecting rowids (rank_order.cpp).
// The indexes are filled after the version 5 step.
constexpr std::string_view kSchemaV4 = R"sql(
DROP INDEX IF EXISTS contacts_by_rank_key;
DROP TABLE name_index;
DROP TABLE number_index;
CREATE VIRTUAL TABLE name_index USING fts5(names, sounds, scope, content='contacts', content_rowid='rank',
   tokenize='unicode61 remove_diacritics 2', prefix='2 3 4 5', detail='column', columnsize=0);
CREATE VIRTUAL TABLE number_index USING fts5(digits, content='', tokenize='unicode61', prefix='3', detail='none',
   columnsize=0);
)sql";

// Version 5 (issue 7):
// - The English sound tokens are written "m0" and the key in lower case instead of "m" and the key
//   ("mAN" is the name word "man" to FTS5; phonetic.h, sound_tokens).
// - The number index holds 4-digit windows instead of 6-digit ones (number_tokens.h).
// Both indexes are then filled from the contacts table by fill_indexes (rank_order.h), with the
// bulk buffer and the default set back after: with the default, a million contacts left 12-15
// segments per index that every query walks, instead of 2. The name index's 'rebuild' replaces
// its old entries; the contentless number index is emptied first.
constexpr std::string_view kSchemaV5 = R"sql(
UPDATE contacts SET sounds = substr(replace(' ' || lower(sounds), ' m', ' m0'), 2) WHERE sounds <> '';
INSERT INTO number_index(number_index) VALUES('delete-all');
)sql";

// Version 6 (issue 7): name_index gains a prefix index of one letter. The word being typed is
// often one letter long ("anna m": the family name's first letter), and without it FTS5 merged the
// doclist of every term that letter starts before the first row came back: 130 ms at a million
// contacts, 0.11 ms with it, for 4% more file. The index is filled after the step (fill_indexes
// for files older than version 5, else fill_name_index).
constexpr std::string_view kSchemaV6 = R"sql(
DROP TABLE name_index;
CREATE VIRTUAL TABLE name_index USING fts5(names, sounds, scope, content='contacts', content_rowid='rank',
   tokenize='unicode61 remove_diacritics 2', prefix='1 2 3 4 5', detail='column', columnsize=0);
)sql";

// Version 7: the book's stamp (book_stamp.h), which every run that changes the book raises, so a
// copy of the names in memory (name_sets.h) can tell whether it still shows the book.
constexpr std::string_view kSchemaV7 = R"sql(
CREATE TABLE book_stamp(stamp INTEGER NOT NULL);
INSERT INTO book_stamp(stamp) VALUES (1);
)sql";

// portier_scope_token(tenant): scope_token() for the version 3 migration.
void scope_token_function(sqlite3_context *context, int, sqlite3_value **values) {
   const auto *text = reinterpret_cast<const char *>(sqlite3_value_text(values[0]));
   const int bytes = sqlite3_value_bytes(values[0]);
   const std::string token = scope_token(text ? std::string_view(text, static_cast<std::size_t>(bytes)) : "");
   sqlite3_result_text(context, token.data(), static_cast<int>(token.size()), SQLITE_TRANSIENT);
}

// portier_number_tokens(digits): number_tokens() for statements that fill the number index.
void number_tokens_function(sqlite3_context *context, int, sqlite3_value **values) {
   const auto *text = reinterpret_cast<const char *>(sqlite3_value_text(values[0]));
   const int bytes = sqlite3_value_bytes(values[0]);
   const std::string tokens = number_tokens(text ? std::string_view(text, static_cast<std::size_t>(bytes)) : "");
   sqlite3_result_text(context, tokens.data(), static_cast<int>(tokens.size()), SQLITE_TRANSIENT);
}

std::string migrate(sqlite3 *db) {
   if (std::string error = execute(db, "CREATE TABLE IF NOT EXISTS directory_schema(version INTEGER NOT NULL)");
       !error.empty())
      return error;
   Statement read(db, "SELECT max(version) FROM directory_schema");
   int version = 0;
   if (read.step() && !read.column_is_null(0)) version = static_cast<int>(read.column_int(0));
   if (!read.error().empty()) return read.error();
   read.reset();  // a pending read keeps the tables locked against the migration's DROP TABLE
   if (version > kSchemaVersion)
      return "the phone book file has schema version " + std::to_string(version) + ", this Portier knows up to " +
             std::to_string(kSchemaVersion);
   if (version == kSchemaVersion) return {};
   std::string error = execute(db, "BEGIN IMMEDIATE");
   if (error.empty() && version < 1) error = execute(db, kSchemaV1);
   if (error.empty() && version < 2) error = execute(db, kSchemaV2);
   if (error.empty() && version < 3) error = execute(db, kSchemaV3);
   if (error.empty() && version < 4) error = execute(db, kSchemaV4);
   if (error.empty() && version < 5) error = execute(db, kSchemaV5);
   if (error.empty() && version < 6) error = execute(db, kSchemaV6);
   if (error.empty() && version < 7) error = execute(db, kSchemaV7);
   // Files older than 5 need both indexes made; a version-5 file only the new name index.
   if (error.empty() && version < 5) error = fill_indexes(db);
   else if (error.empty() && version < 6) error = fill_name_index(db);
   if (error.empty()) error = execute(db, "INSERT INTO directory_schema(version) VALUES (" + std::to_string(kSchemaVersion) + ")");
   if (error.empty()) return execute(db, "COMMIT");
   execute(db, "ROLLBACK");
   return error;
}

}  // namespace

DirectoryResult<std::shared_ptr<DirectoryDb>> DirectoryDb::open(const std::string &path) {
   sqlite3 *db = nullptr;
   const int rc = sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX,
                                  nullptr);
   std::shared_ptr<DirectoryDb> owner(new DirectoryDb(db));
   if (rc != SQLITE_OK) return DirectoryError{path + ": " + (db ? sqlite3_errmsg(db) : "cannot open")};
   sqlite3_busy_timeout(db, 5000);
   if (sqlite3_create_function_v2(db, "portier_number_tokens", 1, SQLITE_UTF8 | SQLITE_DETERMINISTIC, nullptr,
                                  number_tokens_function, nullptr, nullptr, nullptr) != SQLITE_OK ||
       sqlite3_create_function_v2(db, "portier_scope_token", 1, SQLITE_UTF8 | SQLITE_DETERMINISTIC, nullptr,
                                  scope_token_function, nullptr, nullptr, nullptr) != SQLITE_OK)
      return DirectoryError{path + ": " + sqlite3_errmsg(db)};
   // WAL: searches read while an import writes. NORMAL is safe in WAL (a crash loses at most the
   // last commits, never consistency), and the next import repeats them anyway.
   // mmap: a search reads index and contact pages straight from the file's mapping instead of
   // copying each one into the connection's cache with pread (at a million contacts the book is
   // ~700 MB against a 64 MB cache, and those copies were most of a type-ahead query's p99). The
   // pages are the kernel's page cache, shared and reclaimable, so RSS grows only by what is read.
   std::string error = execute(db, "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA cache_size=-65536;"
                                   "PRAGMA temp_store=MEMORY; PRAGMA mmap_size=2147418112");
   if (error.empty()) error = migrate(db);
   if (!error.empty()) return DirectoryError{path + ": " + error};
   return owner;
}

DirectoryResult<IndexTokens *> DirectoryDb::index_tokens() {
   if (!tokens_) {
      auto opened = IndexTokens::open(db_);
      if (!opened) return opened.error();
      tokens_.emplace(std::move(opened.value()));
   }
   return &*tokens_;
}

WindowCounts &DirectoryDb::window_counts() {
   window_counts_.forget_if_changed();
   return window_counts_;
}

DirectoryDb::~DirectoryDb() {
   tokens_.reset();
   sqlite3_close_v2(db_);
}

}  // namespace portier::directory
