// SPDX-License-Identifier: GPL-3.0-or-later
#include "directory/statement.h"

#include <sqlite3.h>

namespace portier::directory {

Statement::Statement(sqlite3 *db, std::string_view sql) : db_(db) {
   if (sqlite3_prepare_v2(db, sql.data(), static_cast<int>(sql.size()), &statement_, nullptr) != SQLITE_OK) {
      error_ = sqlite3_errmsg(db);
      statement_ = nullptr;
   }
}

Statement::~Statement() { sqlite3_finalize(statement_); }

Statement &Statement::bind(int index, std::string_view text) {
   if (!statement_) return *this;
   sqlite3_bind_text(statement_, index, text.data(), static_cast<int>(text.size()), SQLITE_TRANSIENT);
   return *this;
}

Statement &Statement::bind_static(int index, std::string_view text) {
   if (!statement_) return *this;
   sqlite3_bind_text(statement_, index, text.data(), static_cast<int>(text.size()), SQLITE_STATIC);
   return *this;
}

Statement &Statement::bind(int index, std::int64_t value) {
   if (!statement_) return *this;
   sqlite3_bind_int64(statement_, index, value);
   return *this;
}

Statement &Statement::bind_null(int index) {
   if (!statement_) return *this;
   sqlite3_bind_null(statement_, index);
   return *this;
}

bool Statement::step() {
   if (!statement_) return false;
   const int rc = sqlite3_step(statement_);
   if (rc == SQLITE_ROW) return true;
   if (rc != SQLITE_DONE) error_ = sqlite3_errmsg(db_);
   return false;
}

void Statement::reset() {
   if (!statement_) return;  // keeps the prepare error
   error_.clear();
   sqlite3_reset(statement_);
   sqlite3_clear_bindings(statement_);
}

std::int64_t Statement::column_int(int index) const { return sqlite3_column_int64(statement_, index); }

std::string Statement::column_text(int index) const { return std::string(column_view(index)); }

std::string_view Statement::column_view(int index) const {
   const auto *text = reinterpret_cast<const char *>(sqlite3_column_text(statement_, index));
   if (!text) return {};
   return {text, static_cast<std::size_t>(sqlite3_column_bytes(statement_, index))};
}

bool Statement::column_is_null(int index) const { return sqlite3_column_type(statement_, index) == SQLITE_NULL; }

Statement &StatementCache::get(std::string_view sql) {
   auto it = statements_.find(sql);
   if (it == statements_.end()) it = statements_.emplace(std::string(sql), std::make_unique<Statement>(db_, sql)).first;
   it->second->reset();
   return *it->second;
}

ReadTransaction::ReadTransaction(StatementCache &statements) : statements_(statements) {
   if (sqlite3_get_autocommit(statements.handle()) == 0) return;  // the caller's transaction
   Statement &begin = statements.get("BEGIN");
   begin.step();
   error_ = begin.error();
   own_ = error_.empty();
}

ReadTransaction::~ReadTransaction() {
   if (own_) statements_.get("COMMIT").step();
}

std::string execute(sqlite3 *db, std::string_view sql) {
   char *message = nullptr;
   const std::string text(sql);
   if (sqlite3_exec(db, text.c_str(), nullptr, nullptr, &message) == SQLITE_OK) return {};
   std::string error = message ? message : "unknown SQLite error";
   sqlite3_free(message);
   return error;
}

}  // namespace portier::directory
