// SPDX-License-Identifier: GPL-3.0-or-later
// The few SQLite helpers every writer to the store uses: a prepared statement that finalizes
// itself, one-shot SQL, and text in and out. Errors are SQLite's own message, as values.
#pragma once

#include <memory>
#include <string>
#include <string_view>

struct sqlite3;
struct sqlite3_stmt;

namespace portier::kernel {

struct StatementFinalize {
   void operator()(sqlite3_stmt *statement) const;
};
using Statement = std::unique_ptr<sqlite3_stmt, StatementFinalize>;

// nullptr, with `error` set, when `sql` does not compile.
Statement prepare(sqlite3 *db, std::string_view sql, std::string &error);
// Runs `sql` (one or more statements, no results); false with `error` set on failure.
bool exec(sqlite3 *db, const std::string &sql, std::string &error);
// Binds a copy of `text` to parameter `index` (1-based).
bool bind_text(sqlite3_stmt *statement, int index, std::string_view text);
// The column as text; "" for NULL.
std::string column_text(sqlite3_stmt *statement, int index);

}  // namespace portier::kernel
