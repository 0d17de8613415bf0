// SPDX-License-Identifier: GPL-3.0-or-later
#include "kernel/audit_log.h"

#include <algorithm>
#include <limits>

#include <sqlite3.h>

#include "kernel/sql_statement.h"

namespace portier::kernel {

std::string cut_to_bytes(std::string_view text, std::size_t max_bytes) {
   if (text.size() <= max_bytes) return std::string(text);
   std::size_t end = max_bytes;
   // Step back over continuation bytes (10xxxxxx) to the start of the sequence that does not fit.
   while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) --end;
   return std::string(text.substr(0, end));
}

std::optional<std::int64_t> append_audit(Store &store, const AuditEntry &entry, std::string &error,
                                         std::int64_t max_rows) {
   sqlite3 *db = store.handle();
   Statement insert = prepare(db,
                              "INSERT INTO audit_log (time, tenant, user, action, remote, detail) "
                              "VALUES (?, ?, ?, ?, ?, ?)",
                              error);
   if (!insert) return std::nullopt;
   if (!bind_text(insert.get(), 1, cut_to_bytes(entry.time, kAuditFieldBytes)) ||
       !bind_text(insert.get(), 2, cut_to_bytes(entry.tenant, kAuditFieldBytes)) ||
       !bind_text(insert.get(), 3, cut_to_bytes(entry.user, kAuditFieldBytes)) ||
       !bind_text(insert.get(), 4, cut_to_bytes(entry.action, kAuditFieldBytes)) ||
       !bind_text(insert.get(), 5, cut_to_bytes(entry.remote, kAuditFieldBytes)) ||
       !bind_text(insert.get(), 6, cut_to_bytes(entry.detail, kAuditFieldBytes)) ||
       sqlite3_step(insert.get()) != SQLITE_DONE) {
      error = sqlite3_errmsg(db);
      return std::nullopt;
   }
   const std::int64_t id = sqlite3_last_insert_rowid(db);
   // Ids only grow (AUTOINCREMENT) and only the oldest rows go, so "the newest max_rows" is an id range.
   Statement prune = prepare(db, "DELETE FROM audit_log WHERE id <= ?", error);
   if (!prune || sqlite3_bind_int64(prune.get(), 1, id - std::max<std::int64_t>(max_rows, 1)) != SQLITE_OK ||
       sqlite3_step(prune.get()) != SQLITE_DONE) {
      error = sqlite3_errmsg(db);
      return std::nullopt;
   }
   return id;
}

std::vector<AuditEntry> query_audit(const Store &store, const AuditQuery &query, std::string &error) {
   std::vector<AuditEntry> entries;
   Statement select = prepare(store.handle(),
                              "SELECT id, time, tenant, user, action, remote, detail FROM audit_log "
                              "WHERE (?1 IS NULL OR tenant = ?1) AND id < ?2 ORDER BY id DESC LIMIT ?3",
                              error);
   if (!select) return entries;
   const bool bound =
       (query.tenant ? bind_text(select.get(), 1, *query.tenant) : sqlite3_bind_null(select.get(), 1) == SQLITE_OK) &&
       sqlite3_bind_int64(select.get(), 2, query.before.value_or(std::numeric_limits<std::int64_t>::max())) ==
           SQLITE_OK &&
       sqlite3_bind_int(select.get(), 3, std::clamp(query.limit, 1, kAuditMaxLimit)) == SQLITE_OK;
   if (!bound) {
      error = sqlite3_errmsg(store.handle());
      return entries;
   }
   int rc = SQLITE_ROW;
   while ((rc = sqlite3_step(select.get())) == SQLITE_ROW) {
      entries.push_back(AuditEntry{sqlite3_column_int64(select.get(), 0), column_text(select.get(), 1),
                                   column_text(select.get(), 2), column_text(select.get(), 3),
                                   column_text(select.get(), 4), column_text(select.get(), 5),
                                   column_text(select.get(), 6)});
   }
   if (rc != SQLITE_DONE) error = sqlite3_errmsg(store.handle());
   return entries;
}

}  // namespace portier::kernel
