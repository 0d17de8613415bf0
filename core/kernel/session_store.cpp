// SPDX-License-Identifier: GPL-3.0-or-later
#include "kernel/session_store.h"

#include <sqlite3.h>

#include "kernel/sql_statement.h"

namespace portier::kernel {
namespace {

std::int64_t other_sessions_of(sqlite3 *db, std::string_view plugin, std::string_view id_hash, std::string &error) {
   Statement select =
       prepare(db, "SELECT COUNT(*) FROM client_session WHERE plugin = ?1 AND id_hash <> ?2", error);
   if (!select || !bind_text(select.get(), 1, plugin) || !bind_text(select.get(), 2, id_hash) ||
       sqlite3_step(select.get()) != SQLITE_ROW) {
      if (error.empty()) error = sqlite3_errmsg(db);
      return -1;
   }
   return sqlite3_column_int64(select.get(), 0);
}

}  // namespace

bool save_session(Store &store, std::string_view plugin, const SavedSession &s, std::string &error) {
   sqlite3 *db = store.handle();
   const std::int64_t others = other_sessions_of(db, plugin, s.id_hash, error);
   if (others < 0) return false;
   if (others >= static_cast<std::int64_t>(kMaxSavedSessions)) {
      error = "the plugin keeps " + std::to_string(kMaxSavedSessions) + " sessions already";
      return false;
   }
   Statement upsert = prepare(db,
                              "INSERT OR REPLACE INTO client_session (plugin, id_hash, tenant, user, role, csrf,"
                              " remote, created_ms, last_seen_ms, expires_ms) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                              error);
   if (!upsert) return false;
   if (!bind_text(upsert.get(), 1, plugin) || !bind_text(upsert.get(), 2, s.id_hash) ||
       !bind_text(upsert.get(), 3, s.tenant) || !bind_text(upsert.get(), 4, s.user) ||
       !bind_text(upsert.get(), 5, s.role) || !bind_text(upsert.get(), 6, s.csrf) ||
       !bind_text(upsert.get(), 7, s.remote) || sqlite3_bind_int64(upsert.get(), 8, s.created_ms) != SQLITE_OK ||
       sqlite3_bind_int64(upsert.get(), 9, s.last_seen_ms) != SQLITE_OK ||
       sqlite3_bind_int64(upsert.get(), 10, s.expires_ms) != SQLITE_OK || sqlite3_step(upsert.get()) != SQLITE_DONE) {
      error = sqlite3_errmsg(db);
      return false;
   }
   return true;
}

bool drop_session(Store &store, std::string_view plugin, std::string_view id_hash, std::string &error) {
   sqlite3 *db = store.handle();
   Statement del = prepare(db, "DELETE FROM client_session WHERE plugin = ? AND id_hash = ?", error);
   if (!del) return false;
   if (!bind_text(del.get(), 1, plugin) || !bind_text(del.get(), 2, id_hash) ||
       sqlite3_step(del.get()) != SQLITE_DONE) {
      error = sqlite3_errmsg(db);
      return false;
   }
   return true;
}

std::vector<SavedSession> saved_sessions(const Store &store, std::string_view plugin, std::string &error) {
   std::vector<SavedSession> out;
   Statement select = prepare(store.handle(),
                              "SELECT id_hash, tenant, user, role, csrf, remote, created_ms, last_seen_ms, expires_ms"
                              " FROM client_session WHERE plugin = ? ORDER BY created_ms, id_hash",
                              error);
   if (!select) return out;
   if (!bind_text(select.get(), 1, plugin)) {
      error = sqlite3_errmsg(store.handle());
      return out;
   }
   int rc = SQLITE_ROW;
   while ((rc = sqlite3_step(select.get())) == SQLITE_ROW) {
      out.push_back(SavedSession{column_text(select.get(), 0), column_text(select.get(), 1),
                                 column_text(select.get(), 2), column_text(select.get(), 3),
                                 column_text(select.get(), 4), column_text(select.get(), 5),
                                 sqlite3_column_int64(select.get(), 6), sqlite3_column_int64(select.get(), 7),
                                 sqlite3_column_int64(select.get(), 8)});
   }
   if (rc != SQLITE_DONE) error = sqlite3_errmsg(store.handle());
   return out;
}

std::int64_t purge_expired_sessions(Store &store, std::int64_t now_ms, std::string &error) {
   sqlite3 *db = store.handle();
   Statement del = prepare(db, "DELETE FROM client_session WHERE expires_ms <= ?", error);
   if (!del) return -1;
   if (sqlite3_bind_int64(del.get(), 1, now_ms) != SQLITE_OK || sqlite3_step(del.get()) != SQLITE_DONE) {
      error = sqlite3_errmsg(db);
      return -1;
   }
   return sqlite3_changes(db);
}

}  // namespace portier::kernel
