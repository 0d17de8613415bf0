// SPDX-License-Identifier: GPL-3.0-or-later
#include "kernel/sql_statement.h"

#include <sqlite3.h>

namespace portier::kernel {

void StatementFinalize::operator()(sqlite3_stmt *statement) const { sqlite3_finalize(statement); }

Statement prepare(sqlite3 *db, std::string_view sql, std::string &error) {
   sqlite3_stmt *raw = nullptr;
   if (sqlite3_prepare_v2(db, sql.data(), static_cast<int>(sql.size()), &raw, nullptr) != SQLITE_OK) {
      error = sqlite3_errmsg(db);
      sqlite3_finalize(raw);
      return nullptr;
   }
   return Statement(raw);
}

bool exec(sqlite3 *db, const std::string &sql, std::string &error) {
   char *message = nullptr;
   if (sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &message) == SQLITE_OK) return true;
   error = message != nullptr ? message : sqlite3_errmsg(db);
   sqlite3_free(message);
   return false;
}

bool bind_text(sqlite3_stmt *statement, int index, std::string_view text) {
   return sqlite3_bind_text(statement, index, text.data(), static_cast<int>(text.size()), SQLITE_TRANSIENT) ==
          SQLITE_OK;
}

std::string column_text(sqlite3_stmt *statement, int index) {
   const auto *text = sqlite3_column_text(statement, index);
   return text != nullptr ? std::string(reinterpret_cast<const char *>(text),
                                        static_cast<std::size_t>(sqlite3_column_bytes(statement, index)))
                          : std::string();
}

}  // namespace portier::kernel
