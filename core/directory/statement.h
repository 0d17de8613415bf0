// SPDX-License-Identifier: GPL-3.0-or-later
// A prepared SQLite statement that finalizes itself, with the few binds and reads the phone book
// uses. Step errors come back as values.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <string_view>

struct sqlite3;
struct sqlite3_stmt;

namespace portier::directory {

class Statement {
public:
   Statement(sqlite3 *db, std::string_view sql);
   ~Statement();
   Statement(const Statement &) = delete;
   Statement &operator=(const Statement &) = delete;

   bool prepared() const { return statement_ != nullptr; }
   Statement &bind(int index, std::string_view text);
   // Binds `text` without SQLite's copy of it: the caller keeps it alive and unchanged until
   // reset(), which clears every binding. For bulk writes, whose rows would otherwise be copied once
   // more per field.
   Statement &bind_static(int index, std::string_view text);
   Statement &bind(int index, std::int64_t value);
   Statement &bind_null(int index);
   // True while a row is there; false at the end or on error (error() then says which).
   bool step();
   void reset();
   std::int64_t column_int(int index) const;
   std::string column_text(int index) const;
   std::string_view column_view(int index) const;  // valid until the next step
   bool column_is_null(int index) const;
   // The last error, "" when none.
   const std::string &error() const { return error_; }

private:
   sqlite3 *db_;
   sqlite3_stmt *statement_ = nullptr;
   std::string error_;
};

// Prepared statements kept for the life of a connection: a search asks the same few statements
// every keystroke, and preparing an FTS5 query costs more than running it.
class StatementCache {
public:
   explicit StatementCache(sqlite3 *db) : db_(db) {}
   // The statement for `sql`, reset and without bindings.
   Statement &get(std::string_view sql);
   sqlite3 *handle() const { return db_; }

private:
   sqlite3 *db_;
   std::map<std::string, std::unique_ptr<Statement>, std::less<>> statements_;
};

// One snapshot for the reads of its lifetime (and one WAL lock instead of one per statement):
// BEGIN when the connection is not in a transaction already, COMMIT when it ends. error() says
// why BEGIN failed; the reads then see whatever each statement sees.
class ReadTransaction {
public:
   explicit ReadTransaction(StatementCache &statements);
   ~ReadTransaction();
   ReadTransaction(const ReadTransaction &) = delete;
   ReadTransaction &operator=(const ReadTransaction &) = delete;
   const std::string &error() const { return error_; }

private:
   StatementCache &statements_;
   bool own_ = false;
   std::string error_;
};

// Runs `sql` (one or more statements without results); the error text, or "" on success.
std::string execute(sqlite3 *db, std::string_view sql);

}  // namespace portier::directory
