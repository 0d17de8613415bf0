// SPDX-License-Identifier: GPL-3.0-or-later
#include "directory/rank_order.h"

#include "directory/statement.h"

namespace portier::directory {

namespace {

// The first placed row at or after rowid `from`: its rank and rank key.
std::optional<std::pair<std::int64_t, std::string>> placed_from(Statement &first, std::int64_t from) {
   first.bind(1, from);
   std::optional<std::pair<std::int64_t, std::string>> row;
   if (first.step()) row.emplace(first.column_int(0), first.column_text(1));
   first.reset();
   return row;
}

}  // namespace

std::optional<std::int64_t> rank_between_neighbours(sqlite3 *db, std::string_view rank_key) {
   // Placed rows' rowids ascend with their rank keys, so the row after `rank_key` is found by
   // bisecting the rowids (about 32 seeks) instead of through an index on rank_key.
   Statement first(db, "SELECT rank, rank_key FROM contacts WHERE rank >= ?1 ORDER BY rank LIMIT 1");
   Statement last(db, "SELECT max(rank) FROM contacts WHERE rank > 0 AND rank < ?1");
   Statement highest(db, "SELECT max(rank) FROM contacts");
   const std::int64_t top = highest.step() ? highest.column_int(0) : 0;
   // Smallest rowid whose first placed row sorts after rank_key: in [low, high].
   // `after` is the first placed row from `high` on, set whenever high moves.
   std::int64_t low = 1, high = top + 1;
   std::optional<std::int64_t> after;
   while (low < high) {
      const std::int64_t middle = low + (high - low) / 2;
      const auto row = placed_from(first, middle);
      if (row && std::string_view(row->second) > rank_key) {
         high = middle;
         after = row->first;
      } else {
         low = middle + 1;
      }
   }
   const std::int64_t bound = after ? *after : top + 1;
   last.bind(1, bound);
   const std::int64_t before = last.step() ? last.column_int(0) : 0;
   if (!after) return before + kRankGap;
   if (*after - before < 2) return std::nullopt;
   return before + (*after - before) / 2;
}

std::string fill_indexes(sqlite3 *db) {
   // FTS5 writes its pending terms as a new segment whenever they pass 'hashsize' (1 MB by
   // default) and merges segments as they pile up: a million contacts made hundreds of segments
   // and rewrote every term several times. With a large limit the one statement writes a few large
   // segments. The setting lives in the index's config table, so it is set back before the run
   // goes on: later single-row writes keep the small default. All of it is in the run's
   // transaction, so a failed run leaves the setting as it was too.
   static_assert(kBulkHashBytes > kDefaultHashBytes);
   const std::string large = std::to_string(kBulkHashBytes), normal = std::to_string(kDefaultHashBytes);
   std::string error = execute(db, "INSERT INTO number_index(number_index, rank) VALUES('hashsize', " + large + ")");
   if (error.empty()) error = fill_name_index(db);
   if (error.empty()) error = index_all_numbers(db);
   if (error.empty()) error = execute(db, "INSERT INTO number_index(number_index, rank) VALUES('hashsize', " + normal + ")");
   return error;
}

std::string fill_name_index(sqlite3 *db) {
   // As fill_indexes: a large buffer for the one statement, the default again after it.
   const std::string large = std::to_string(kBulkHashBytes), normal = std::to_string(kDefaultHashBytes);
   std::string error = execute(db, "INSERT INTO name_index(name_index, rank) VALUES('hashsize', " + large + ")");
   if (error.empty()) error = execute(db, "INSERT INTO name_index(name_index) VALUES('rebuild')");
   if (error.empty()) error = execute(db, "INSERT INTO name_index(name_index, rank) VALUES('hashsize', " + normal + ")");
   return error;
}

std::string index_all_numbers(sqlite3 *db) {
   // One statement (FTS5 flushes per statement); the windows come from directory_db.cpp's SQL
   // function, the same number_tokens() single-row writes use.
   return execute(db, "INSERT INTO number_index(rowid, digits) "
                      "SELECT rank, portier_number_tokens(digits) || ' ' || scope FROM contacts ORDER BY rank");
}

std::string renumber_all(sqlite3 *db) {
   // A copy in rank-key order is one sequential write; updating a million rowids in place would
   // move every row twice.
   constexpr std::string_view kSql = R"sql(
INSERT INTO name_index(name_index) VALUES('delete-all');
INSERT INTO number_index(number_index) VALUES('delete-all');
CREATE TABLE contacts_sorted(
   rank INTEGER PRIMARY KEY,
   id INTEGER NOT NULL UNIQUE,
   rank_key TEXT NOT NULL,
   body TEXT,
   names TEXT NOT NULL,
   sounds TEXT NOT NULL,
   digits TEXT NOT NULL,
   tenant TEXT NOT NULL DEFAULT '*',
   scope TEXT NOT NULL DEFAULT 't2a');
INSERT INTO contacts_sorted(rank, id, rank_key, body, names, sounds, digits, tenant, scope)
   SELECT row_number() OVER (ORDER BY rank_key) * 4096, id, rank_key, body, names, sounds, digits, tenant, scope
   FROM contacts ORDER BY rank_key;
DROP TABLE contacts;
ALTER TABLE contacts_sorted RENAME TO contacts;
)sql";
   static_assert(kRankGap == 4096, "renumber_all spells the gap out");
   if (std::string error = execute(db, kSql); !error.empty()) return error;
   return fill_indexes(db);
}

}  // namespace portier::directory
