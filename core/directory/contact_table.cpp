// SPDX-License-Identifier: GPL-3.0-or-later
#include "directory/contact_table.h"

namespace portier::directory {

namespace {

std::string step_error(Statement &statement) {
   statement.step();
   std::string error = statement.error();
   statement.reset();
   return error;
}

}  // namespace

ContactTable::ContactTable(sqlite3 *db)
    : find_(db, "SELECT rank, rank_key, names, sounds, digits, scope FROM contacts WHERE id = ?1"),
      insert_(db, "INSERT OR REPLACE INTO contacts(rank, id, rank_key, body, names, sounds, digits, tenant, scope) "
                  "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)"),
      remove_(db, "DELETE FROM contacts WHERE id = ?1"),
      move_(db, "UPDATE contacts SET rank = ?2 WHERE rank = ?1"),
      index_names_(db, "INSERT INTO name_index(rowid, names, sounds, scope) VALUES (?1, ?2, ?3, ?4)"),
      index_numbers_(db, "INSERT INTO number_index(rowid, digits) VALUES (?1, ?2)"),
      unindex_names_(db, "INSERT INTO name_index(name_index, rowid, names, sounds, scope) VALUES ('delete', ?1, ?2, ?3, ?4)"),
      unindex_numbers_(db, "INSERT INTO number_index(number_index, rowid, digits) VALUES ('delete', ?1, ?2)") {}

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
   insert_.bind(1, rank).bind(2, id).bind(3, rank_key);
   if (body) insert_.bind(4, *body);
   else insert_.bind_null(4);
   insert_.bind(5, text.names).bind(6, text.sounds).bind(7, text.digits);
   insert_.bind(8, tenant.empty() ? kEveryTenant : tenant).bind(9, scope_token(tenant));
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

std::string ContactTable::index(const StoredContact &row) {
   index_names_.bind(1, row.rank).bind(2, row.names).bind(3, row.sounds).bind(4, row.scope);
   if (std::string error = step_error(index_names_); !error.empty()) return error;
   index_numbers_.bind(1, row.rank).bind(2, number_tokens(row.digits) + ' ' + row.scope);
   return step_error(index_numbers_);
}

std::string ContactTable::unindex(const StoredContact &row) {
   unindex_names_.bind(1, row.rank).bind(2, row.names).bind(3, row.sounds).bind(4, row.scope);
   if (std::string error = step_error(unindex_names_); !error.empty()) return error;
   unindex_numbers_.bind(1, row.rank).bind(2, number_tokens(row.digits) + ' ' + row.scope);
   return step_error(unindex_numbers_);
}

}  // namespace portier::directory
