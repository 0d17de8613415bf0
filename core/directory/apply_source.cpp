// SPDX-License-Identifier: GPL-3.0-or-later
#include "directory/apply_source.h"

#include <algorithm>
#include <optional>
#include <set>
#include <unordered_set>

#include <sqlite3.h>

#include "directory/book_stamp.h"
#include "directory/contact_json.h"
#include "directory/contact_table.h"
#include "directory/rank_order.h"
#include "directory/search_text.h"
#include "directory/statement.h"
#include "numbers/e164.h"
#include "numbers/to_e164.h"

namespace portier::directory {

namespace {

std::optional<std::string> normalise_numbers(Contact &contact, const numbers::NumberPlan *plan, bool keep_raw) {
   for (ContactNumber &number : contact.numbers) {
      if (!number.e164.empty()) {
         if (!numbers::is_e164(number.e164)) return "number '" + number.e164 + "' is not E.164";
         continue;
      }
      if (plan) {
         const auto e164 = numbers::to_e164(*plan, number.given, numbers::Form::display);
         if (!e164) return "number '" + number.given + "': " + numbers::describe(e164.error());
         number.e164 = *e164;
      } else {
         const std::string digits = "+" + digits_of(number.given);
         if (!number.given.starts_with('+') || !numbers::is_e164(digits)) {
            if (keep_raw) continue;
            return "number '" + number.given + "': not in + form and no number plan to read it";
         }
         number.e164 = digits;
      }
   }
   return std::nullopt;
}

// One run's writes of source rows and their keys, and the contact they belong to.
class SourceRows {
public:
   SourceRows(sqlite3 *db, std::string_view source)
       : source_(source),
         find_(db, "SELECT contact_id, body FROM source_rows WHERE source = ?1 AND source_id = ?2"),
         upsert_(db, "INSERT OR REPLACE INTO source_rows(source, source_id, contact_id, body) VALUES (?1, ?2, ?3, ?4)"),
         remove_(db, "DELETE FROM source_rows WHERE source = ?1 AND source_id = ?2"),
         add_key_(db, "INSERT OR IGNORE INTO dedup_keys(key, source, source_id) VALUES (?1, ?2, ?3)"),
         remove_keys_(db, "DELETE FROM dedup_keys WHERE source = ?1 AND source_id = ?2"),
         match_(db, "SELECT r.contact_id FROM dedup_keys k JOIN source_rows r "
                    "ON r.source = k.source AND r.source_id = k.source_id "
                    "WHERE k.key = ?1 AND k.source <> ?2 ORDER BY k.source, k.source_id LIMIT 1"),
         others_(db, "SELECT count(*) FROM source_rows WHERE contact_id = ?1 AND NOT (source = ?2 AND source_id = ?3)") {}

   struct Existing {
      std::int64_t contact_id;
      std::string body;
   };

   std::optional<Existing> find(const std::string &source_id) {
      find_.bind(1, source_).bind(2, source_id);
      std::optional<Existing> out;
      if (find_.step()) out = Existing{find_.column_int(0), find_.column_text(1)};
      error_ = find_.error();
      find_.reset();
      return out;
   }

   // The contact of another source's row sharing one of `keys`.
   std::optional<std::int64_t> matching_contact(const std::vector<std::string> &keys) {
      for (const std::string &key : keys) {
         match_.bind(1, key).bind(2, source_);
         std::optional<std::int64_t> out;
         if (match_.step()) out = match_.column_int(0);
         match_.reset();
         if (out) return out;
      }
      return std::nullopt;
   }

   bool shared_with_others(std::int64_t contact_id, const std::string &source_id) {
      others_.bind(1, contact_id).bind(2, source_).bind(3, source_id);
      const bool shared = others_.step() && others_.column_int(0) > 0;
      others_.reset();
      return shared;
   }

   std::string write(const std::string &source_id, std::int64_t contact_id, const std::string &body,
                     const std::vector<std::string> &keys, bool existed) {
      if (existed) {
         remove_keys_.bind(1, source_).bind(2, source_id);
         if (std::string e = run(remove_keys_); !e.empty()) return e;
      }
      upsert_.bind(1, source_).bind(2, source_id).bind(3, contact_id).bind(4, body);
      if (std::string e = run(upsert_); !e.empty()) return e;
      for (const std::string &key : keys) {
         add_key_.bind(1, key).bind(2, source_).bind(3, source_id);
         if (std::string e = run(add_key_); !e.empty()) return e;
      }
      return {};
   }

   // A row of a first load: its keys are written after the loop, sorted (write_keys).
   std::string write_new(const std::string &source_id, std::int64_t contact_id, const std::string &body) {
      upsert_.bind(1, source_).bind(2, source_id).bind(3, contact_id).bind(4, body);
      return run(upsert_);
   }

   // Keys (key, source id) in key order: appends to the key B-tree instead of a write at a random
   // place per row.
   std::string write_keys(std::vector<std::pair<std::string, std::string>> &keys) {
      std::sort(keys.begin(), keys.end());
      for (const auto &[key, source_id] : keys) {
         add_key_.bind(1, key).bind(2, source_).bind(3, source_id);
         if (std::string e = run(add_key_); !e.empty()) return e;
      }
      keys.clear();
      return {};
   }

   std::string remove(const std::string &source_id) {
      remove_keys_.bind(1, source_).bind(2, source_id);
      if (std::string e = run(remove_keys_); !e.empty()) return e;
      remove_.bind(1, source_).bind(2, source_id);
      return run(remove_);
   }

   const std::string &error() const { return error_; }

private:
   static std::string run(Statement &statement) {
      statement.step();
      std::string error = statement.error();
      statement.reset();
      return error;
   }

   std::string source_;
   Statement find_, upsert_, remove_, add_key_, remove_keys_, match_, others_;
   std::string error_;
};

// Rolls back unless committed; a run's page cache is larger than a search's, for its length only.
struct Transaction {
   sqlite3 *db;
   bool done = false;
   ~Transaction() {
      if (!done) execute(db, "ROLLBACK");
      execute(db, "PRAGMA cache_size=-65536");
   }
};

std::int64_t scalar(sqlite3 *db, std::string_view sql) {
   Statement statement(db, sql);
   return statement.step() ? statement.column_int(0) : 0;
}

// Recomputes the shown contact `id` from its source rows: written unplaced (negative rank) when
// new or moved, in place when its rank key is unchanged. Placed rows leave the indexes first
// unless the run renumbers anyway.
std::string recompute(sqlite3 *db, ContactTable &table, std::int64_t id, const MergePolicy &policy, bool bulk,
                      std::int64_t &next_placeholder) {
   Statement members(db, "SELECT body FROM source_rows WHERE contact_id = ?1");
   members.bind(1, id);
   std::vector<Contact> rows;
   while (members.step()) {
      auto row = contact_from_json(members.column_view(0));
      if (!row) return row.error().what;
      rows.push_back(std::move(row.value()));
   }
   if (!members.error().empty()) return members.error();
   const std::optional<StoredContact> old = table.find(id);
   if (old && old->rank > 0 && !bulk)
      if (std::string e = table.unindex(*old); !e.empty()) return e;
   if (rows.empty()) return old ? table.remove(id) : std::string{};
   const Contact shown = merge(rows, policy);
   // A contact of one source row reads that row's body; only merged ones keep their own.
   const std::string merged_body = rows.size() > 1 ? to_json(shown) : std::string{};
   const std::string *body = rows.size() > 1 ? &merged_body : nullptr;
   if (old && old->rank > 0 && !bulk && old->rank_key == rank_key_of(shown, id)) {
      if (std::string e = table.write(id, shown, body, old->rank); !e.empty()) return e;
      const std::optional<StoredContact> now = table.find(id);
      return now ? table.index(*now) : "contact vanished while written";
   }
   return table.write(id, shown, body, old && bulk ? old->rank : next_placeholder--);
}

// Gives every unplaced contact its rowid in the gap where its rank key falls, and indexes it.
// False when a gap is used up: the caller renumbers instead.
DirectoryResult<bool> place_unplaced(sqlite3 *db, ContactTable &table) {
   Statement unplaced(db, "SELECT rank, rank_key, names, sounds, digits, scope FROM contacts WHERE rank < 0 ORDER BY rank_key");
   std::vector<StoredContact> rows;
   while (unplaced.step())
      rows.push_back({unplaced.column_int(0), unplaced.column_text(1), unplaced.column_text(2),
                      unplaced.column_text(3), unplaced.column_text(4), unplaced.column_text(5)});
   if (!unplaced.error().empty()) return DirectoryError{unplaced.error()};
   for (StoredContact &row : rows) {
      const std::optional<std::int64_t> rank = rank_between_neighbours(db, row.rank_key);
      if (!rank) return false;
      if (std::string e = table.move(row.rank, *rank); !e.empty()) return DirectoryError{e};
      row.rank = *rank;
      if (std::string e = table.index(row); !e.empty()) return DirectoryError{e};
   }
   return true;
}

// A contact of the first load, before it is written.
struct Unplaced {
   std::string rank_key;
   std::int64_t id;
   SearchText text;
   std::string tenant;
};

// Secondary indexes a first load drops before it writes and makes again after (one sort each
// instead of a million scattered inserts). As in directory_db.cpp's schema.
constexpr std::string_view kDropDeferredIndexes = "DROP INDEX source_rows_by_contact; DROP INDEX dedup_keys_by_row";
constexpr std::string_view kCreateDeferredIndexes =
    "CREATE INDEX source_rows_by_contact ON source_rows(contact_id);"
    "CREATE INDEX dedup_keys_by_row ON dedup_keys(source, source_id)";

// Writes the first load's contacts kRankGap apart in rank order, then fills the indexes each in
// one statement: FTS5 flushes its pending terms at every statement, so a million single-row
// inserts would make a million tiny segments to merge.
std::string write_in_rank_order(sqlite3 *db, ContactTable &table, std::vector<Unplaced> &contacts) {
   std::sort(contacts.begin(), contacts.end(),
             [](const Unplaced &a, const Unplaced &b) { return a.rank_key < b.rank_key; });
   std::int64_t rank = 0;
   for (Unplaced &contact : contacts) {
      rank += kRankGap;
      if (std::string e = table.write(contact.id, rank, contact.rank_key, nullptr, contact.text, contact.tenant);
          !e.empty())
         return e;
   }
   contacts.clear();
   if (std::string e = fill_indexes(db); !e.empty()) return e;
   return execute(db, kCreateDeferredIndexes);
}

}  // namespace

DirectoryResult<ApplyReport> apply_source(DirectoryDb &directory, std::string_view source,
                                          std::span<const Contact> rows, const ApplyOptions &options) {
   sqlite3 *db = directory.handle();
   if (source.empty() || source.size() > kMaxSourceBytes) return DirectoryError{"source name: empty or too long"};
   if (std::string e = execute(db, "BEGIN IMMEDIATE"); !e.empty()) return DirectoryError{"cannot start the run: " + e};
   Transaction transaction{db};
   // A run that writes no row leaves the book's stamp, so no copy of the names is read again.
   const sqlite3_int64 changes_before = sqlite3_total_changes64(db);
   const auto stamp_if_changed = [&]() -> std::string {
      return sqlite3_total_changes64(db) > changes_before ? raise_book_stamp(directory) : std::string{};
   };
   execute(db, "PRAGMA cache_size=-262144");
   const auto failed = [](std::string what) { return DirectoryError{"run failed, nothing changed: " + what}; };

   ApplyReport report;
   SourceRows source_rows(db, source);
   ContactTable table(db);
   const std::int64_t contacts_before = scalar(db, "SELECT count(*) FROM contacts");
   std::int64_t next_id = scalar(db, "SELECT coalesce(max(id), 0) + 1 FROM contacts");
   std::int64_t next_placeholder = -1;
   std::set<std::int64_t> to_recompute;
   // Source ids the run has, ascending (rows are taken in source-id order), each with its first
   // position: a repeated id is the one just before it, and the rows gone are found by one merge
   // walk against the stored ids, with no hash set of a million strings.
   std::vector<std::pair<std::string_view, std::size_t>> seen;
   seen.reserve(rows.size());
   // An empty book (the first run of the first source) has nothing to compare or merge with: its
   // contacts are collected, sorted once and written in rank order, indexes last.
   const bool initial_load = contacts_before == 0 && rows.size() > options.renumber_above;
   std::vector<Unplaced> unplaced;
   std::vector<std::pair<std::string, std::string>> initial_keys;  // (key, source id)
   if (initial_load) {
      if (std::string e = execute(db, kDropDeferredIndexes); !e.empty()) return failed(e);
      unplaced.reserve(rows.size());
   }
   // Rows in source-id order write the source rows' B-tree front to back, not at random.
   std::vector<std::size_t> order(rows.size());
   for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
   std::stable_sort(order.begin(), order.end(),
             [&](std::size_t a, std::size_t b) { return rows[a].source_id < rows[b].source_id; });

   // One copy per row is needed (the run fills in source, tenant, numbers and display), but one
   // Contact serves every row: assigning into it reuses its strings' memory.
   Contact row;
   for (std::size_t i : order) {
      const std::size_t position = i + 1;
      row = rows[i];
      const auto reject = [&](std::string reason) {
         report.rejected.push_back({position, row.source_id, std::move(reason)});
      };
      if (!row.source.empty() && row.source != source) {
         reject("belongs to source '" + row.source + "'");
         continue;
      }
      row.source.assign(source);
      row.tenant.assign(options.tenant.empty() ? std::string_view(kEveryTenant) : std::string_view(options.tenant));
      if (auto error = check_contact(row)) {
         reject(error->what);
         continue;
      }
      if (auto error = normalise_numbers(row, options.plan, options.keep_raw_numbers)) {
         reject(*error);
         continue;
      }
      if (!seen.empty() && seen.back().first == row.source_id) {
         reject("source id '" + row.source_id + "' again, first at row " + std::to_string(seen.back().second));
         continue;
      }
      seen.emplace_back(rows[i].source_id, position);
      if (row.name.display.empty()) row.name.display = display_name_of(row);

      const std::string body = to_json(row);
      if (initial_load) {
         const std::int64_t id = next_id++;
         if (std::string e = source_rows.write_new(row.source_id, id, body); !e.empty()) return failed(e);
         for (std::string &key : dedup_keys_of(row, options.policy)) initial_keys.emplace_back(std::move(key), row.source_id);
         unplaced.push_back({rank_key_of(row, id), id, search_text_of(row), row.tenant});
         ++report.added;
         ++report.contacts_written;
         continue;
      }
      const std::optional<SourceRows::Existing> existing = source_rows.find(row.source_id);
      if (!source_rows.error().empty()) return failed(source_rows.error());
      if (existing && existing->body == body) {
         ++report.unchanged;
         continue;
      }
      const std::vector<std::string> keys = dedup_keys_of(row, options.policy);
      std::optional<std::int64_t> contact_id = keys.empty() ? std::nullopt : source_rows.matching_contact(keys);
      const bool joins = contact_id.has_value();
      if (!contact_id && existing && !source_rows.shared_with_others(existing->contact_id, row.source_id))
         contact_id = existing->contact_id;
      if (!contact_id) contact_id = next_id++;

      if (std::string e = source_rows.write(row.source_id, *contact_id, body, keys, existing.has_value()); !e.empty())
         return failed(e);
      if (existing) {
         ++report.updated;
         to_recompute.insert(existing->contact_id);
         to_recompute.insert(*contact_id);
      } else if (joins) {
         ++report.added;
         to_recompute.insert(*contact_id);
      } else {
         // A new row of its own is its shown contact; written now, placed at the end.
         ++report.added;
         ++report.contacts_written;
         if (std::string e = table.write(*contact_id, row, nullptr, next_placeholder--); !e.empty()) return failed(e);
      }
   }
   std::sort(report.rejected.begin(), report.rejected.end(),
             [](const RejectedRow &a, const RejectedRow &b) { return a.position < b.position; });
   if (report.rejected.size() > options.max_rejected)
      return failed(std::to_string(report.rejected.size()) + " rows rejected, at most " +
                    std::to_string(options.max_rejected) + " allowed; first: row " +
                    std::to_string(report.rejected.front().position) + ": " + report.rejected.front().reason);

   // Rows of this source that the run no longer has, except rejected ones (kept as they were). A
   // first load started from an empty book: every stored row is one it wrote.
   if (!initial_load) {
      std::unordered_set<std::string> keep;
      for (const RejectedRow &rejected : report.rejected) keep.insert(rejected.source_id);
      // The primary key's order: source ids compared bytewise, as std::string compares them.
      Statement all(db, "SELECT source_id, contact_id FROM source_rows WHERE source = ?1 ORDER BY source_id");
      all.bind(1, source);
      std::vector<std::pair<std::string, std::int64_t>> gone;
      auto next_seen = seen.begin();
      while (all.step()) {
         const std::string_view id = all.column_view(0);
         while (next_seen != seen.end() && next_seen->first < id) ++next_seen;
         const bool in_run = next_seen != seen.end() && next_seen->first == id;
         if (!in_run && !keep.contains(std::string(id))) gone.emplace_back(std::string(id), all.column_int(1));
      }
      if (!all.error().empty()) return failed(all.error());
      for (const auto &[id, contact_id] : gone) {
         if (std::string e = source_rows.remove(id); !e.empty()) return failed(e);
         to_recompute.insert(contact_id);
         ++report.deleted;
      }
   }

   if (initial_load) {
      if (std::string e = source_rows.write_keys(initial_keys); !e.empty()) return failed(e);
      if (std::string e = write_in_rank_order(db, table, unplaced); !e.empty()) return failed(e);
      if (std::string e = stamp_if_changed(); !e.empty()) return failed(e);
      if (std::string e = execute(db, "COMMIT"); !e.empty()) return failed("commit: " + e);
      transaction.done = true;
      return report;
   }
   const std::size_t pending = static_cast<std::size_t>(-1 - next_placeholder) + to_recompute.size();
   // Many writes, or a large share of the book: one renumbering pass beats scattered index writes.
   const bool bulk = pending > options.renumber_above ||
                     (pending > 1000 && pending * 10 > static_cast<std::size_t>(contacts_before));
   for (std::int64_t id : to_recompute) {
      if (std::string e = recompute(db, table, id, options.policy, bulk, next_placeholder); !e.empty()) return failed(e);
      ++report.contacts_written;
   }
   bool renumber = bulk && pending > 0;
   if (!renumber) {
      auto placed = place_unplaced(db, table);
      if (!placed) return failed(placed.error().what);
      renumber = !placed.value();
   }
   if (renumber) {
      // renumber_all fills both indexes from the contacts table: the queued writes are in it.
      if (std::string e = table.drop_queued_index_writes(); !e.empty()) return failed(e);
      if (std::string e = renumber_all(db); !e.empty()) return failed("renumbering: " + e);
      report.renumbered = true;
   } else if (std::string e = table.flush_index(); !e.empty()) {
      return failed("index: " + e);
   }
   if (std::string e = stamp_if_changed(); !e.empty()) return failed(e);
   if (std::string e = execute(db, "COMMIT"); !e.empty()) return failed("commit: " + e);
   transaction.done = true;
   return report;
}

}  // namespace portier::directory
