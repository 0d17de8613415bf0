// SPDX-License-Identifier: GPL-3.0-or-later
#include "directory/contact_table.h"

namespace portier::directory {

namespace {

// The scope token of `tenant`. Most books have the one tenant "*": its token is made once, not
// once per written row.
std::string scope_of(std::string_view tenant) {
   static const std::string kEveryTenantScope = scope_token(kEveryTenant);
   if (tenant.empty() || tenant == kEveryTenant) return kEveryTenantScope;
   return scope_token(tenant);
}

std::string step_error(Statement &statement) {
   statement.step();
   std::string error = statement.error();
   statement.reset();
   return error;
}

// The queue of index writes: `command` is 'delete' or NULL (an FTS5 insert). TEMP: it lives on
// this connection only and never reaches the book's file.
std::string create_queue(sqlite3 *db) {
   return execute(db, "CREATE TEMP TABLE IF NOT EXISTS index_queue(seq INTEGER PRIMARY KEY, command TEXT, "
                      "rank INTEGER NOT NULL, names TEXT, sounds TEXT, digits TEXT, scope TEXT);"
                      "DELETE FROM temp.index_queue");
}

}  // namespace

ContactTable::ContactTable(sqlite3 *db)
    : db_(db),
      queue_error_(create_queue(db)),
      find_(db, "SELECT rank, rank_key, names, sounds, digits, scope FROM contacts WHERE id = ?1"),
      insert_(db, "INSERT OR REPLACE INTO contacts(rank, id, rank_key, body, names, sounds, digits, tenant, scope) "
                  "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)"),
      remove_(db, "DELETE FROM contacts WHERE id = ?1"),
      move_(db, "UPDATE contacts SET rank = ?2 WHERE rank = ?1"),
      queue_(db, "INSERT INTO temp.index_queue(command, rank, names, sounds, digits, scope) "
                 "VALUES (?1, ?2, ?3, ?4, ?5, ?6)") {}

std::optional<StoredContact> ContactTable::find(std::int64_t id) {
   find_.bind(1, id);
   std::optional<StoredContact> row;
   if (find_.step())
      row = StoredContact{find_.column_int(0), find_.column_text(1), find_.column_text(2), find_.column_text(3),
                          find_.column_text(4), find_.column_text(5)};
   find_.reset();
   return row;
}

std::string ContactTable::write(std::int64_t id, const Contact &contact, const std::string *body, std::int64_t rank) {
   return write(id, rank, rank_key_of(contact, id), body, search_text_of(contact), contact.tenant);
}

std::string ContactTable::write(std::int64_t id, std::int64_t rank, const std::string &rank_key, const std::string *body,
                                const SearchText &text, std::string_view tenant) {
   // Every bound text lives until step_error's reset: none needs SQLite's copy.
   const std::string scope = scope_of(tenant);
   insert_.bind(1, rank).bind(2, id).bind_static(3, rank_key);
   if (body) insert_.bind_static(4, *body);
   else insert_.bind_null(4);
   insert_.bind_static(5, text.names).bind_static(6, text.sounds).bind_static(7, text.digits);
   insert_.bind_static(8, tenant.empty() ? kEveryTenant : tenant).bind_static(9, scope);
   return step_error(insert_);
}

std::string ContactTable::remove(std::int64_t id) {
   remove_.bind(1, id);
   return step_error(remove_);
}

std::string ContactTable::move(std::int64_t from_rank, std::int64_t to_rank) {
   move_.bind(1, from_rank).bind(2, to_rank);
   return step_error(move_);
}

std::string ContactTable::index(const StoredContact &row) { return queue(nullptr, row); }

std::string ContactTable::unindex(const StoredContact &row) { return queue("delete", row); }

std::string ContactTable::queue(const char *command, const StoredContact &row) {
   if (!queue_error_.empty()) return queue_error_;
   if (command) queue_.bind_static(1, std::string_view(command));
   else queue_.bind_null(1);
   queue_.bind(2, row.rank).bind_static(3, row.names).bind_static(4, row.sounds).bind_static(5, row.digits);
   queue_.bind_static(6, row.scope);
   return step_error(queue_);
}

std::string ContactTable::flush_index() {
   if (!queue_error_.empty()) return queue_error_;
   // FTS5 starts a new segment when a rowid is not above the last one written, unless a removal
   // is followed by the same rowid's entry: (rank, seq) order keeps each index to one segment.
   return execute(db_, "INSERT INTO name_index(name_index, rowid, names, sounds, scope) "
                       "SELECT command, rank, names, sounds, scope FROM temp.index_queue ORDER BY rank, seq;"
                       "INSERT INTO number_index(number_index, rowid, digits) "
                       "SELECT command, rank, portier_number_tokens(digits) || ' ' || scope FROM temp.index_queue "
                       "ORDER BY rank, seq;"
                       "DELETE FROM temp.index_queue");
}

std::string ContactTable::drop_queued_index_writes() {
   if (!queue_error_.empty()) return queue_error_;
   return execute(db_, "DELETE FROM temp.index_queue");
}

}  // namespace portier::directory
