// SPDX-License-Identifier: GPL-3.0-or-later
// A phone book in memory for the directory tests, and a fixture of names from several languages.
#pragma once

#include <cstdio>
#include <memory>
#include <string>
#include <vector>

#include <catch2/catch.hpp>
#include <sqlite3.h>
#include <unistd.h>

#include "directory/apply_source.h"
#include "directory/directory_db.h"
#include "directory/search.h"

namespace portier::directory::test {

inline std::shared_ptr<DirectoryDb> empty_book() {
   auto db = DirectoryDb::open(":memory:");
   REQUIRE(db.ok());
   return db.value();
}

// The source rows and their dedup keys, as every schema version so far declares them: the part
// of an old file's layout the migration tests need not spell out again.
inline constexpr const char *kSourceTablesSql = R"sql(
CREATE TABLE source_rows(source TEXT NOT NULL, source_id TEXT NOT NULL, contact_id INTEGER NOT NULL,
   body TEXT NOT NULL, PRIMARY KEY(source, source_id)) WITHOUT ROWID;
CREATE INDEX source_rows_by_contact ON source_rows(contact_id);
CREATE TABLE dedup_keys(key TEXT NOT NULL, source TEXT NOT NULL, source_id TEXT NOT NULL,
   PRIMARY KEY(key, source, source_id)) WITHOUT ROWID;
CREATE INDEX dedup_keys_by_row ON dedup_keys(source, source_id);
)sql";

// The schema table of a file an earlier Portier wrote, at `version`.
inline std::string schema_table_sql(int version) {
   return "CREATE TABLE directory_schema(version INTEGER NOT NULL);\nINSERT INTO directory_schema(version) VALUES (" +
          std::to_string(version) + ");\n";
}

// Writes a phone book file as an earlier Portier left it: `sql` run on a new file at `path`.
// The tables of a version-4 or version-5 file (version 5 changed only what the indexes hold).
inline const std::string kVersion4TablesSql = std::string(R"sql(
CREATE TABLE contacts(rank INTEGER PRIMARY KEY, id INTEGER NOT NULL UNIQUE, rank_key TEXT NOT NULL, body TEXT,
   names TEXT NOT NULL, sounds TEXT NOT NULL, digits TEXT NOT NULL, tenant TEXT NOT NULL DEFAULT '*',
   scope TEXT NOT NULL DEFAULT 't2a');
)sql") + kSourceTablesSql + R"sql(
CREATE VIRTUAL TABLE name_index USING fts5(names, sounds, scope, content='contacts', content_rowid='rank',
   tokenize='unicode61 remove_diacritics 2', prefix='2 3 4 5', detail='column', columnsize=0);
CREATE VIRTUAL TABLE number_index USING fts5(digits, content='', tokenize='unicode61', prefix='3', detail='none',
   columnsize=0);
)sql";

inline void write_old_book(const std::string &path, const std::string &sql) {
   sqlite3 *raw = nullptr;
   REQUIRE(sqlite3_open(path.c_str(), &raw) == SQLITE_OK);
   char *error = nullptr;
   const int rc = sqlite3_exec(raw, sql.c_str(), nullptr, nullptr, &error);
   const std::string message = error ? error : "";
   sqlite3_free(error);
   sqlite3_close(raw);
   INFO(message);
   REQUIRE(rc == SQLITE_OK);
}

// A phone book file in the working folder named for `stem` and this process, removed with its
// WAL files when the test ends (also when a REQUIRE stops it).
struct BookFile {
   explicit BookFile(const std::string &stem) : path(stem + "_" + std::to_string(::getpid()) + ".db") {}
   ~BookFile() {
      for (const char *suffix : {"", "-wal", "-shm"}) std::remove((path + suffix).c_str());
   }
   BookFile(const BookFile &) = delete;
   BookFile &operator=(const BookFile &) = delete;
   const std::string path;
};

// Both FTS5 indexes agree with the rows they index (FTS5's integrity-check).
inline void check_indexes_intact(sqlite3 *db) {
   for (const char *check : {"INSERT INTO name_index(name_index) VALUES('integrity-check')",
                             "INSERT INTO number_index(number_index) VALUES('integrity-check')"}) {
      INFO(check);
      CHECK(sqlite3_exec(db, check, nullptr, nullptr, nullptr) == SQLITE_OK);
   }
}

// The first column of the first row of `sql` as text ("" for NULL or no row).
inline std::string text_of(sqlite3 *db, const char *sql) {
   sqlite3_stmt *statement = nullptr;
   REQUIRE(sqlite3_prepare_v2(db, sql, -1, &statement, nullptr) == SQLITE_OK);
   std::string out;
   if (sqlite3_step(statement) == SQLITE_ROW && sqlite3_column_text(statement, 0))
      out = reinterpret_cast<const char *>(sqlite3_column_text(statement, 0));
   sqlite3_finalize(statement);
   return out;
}

inline Contact person(std::string id, std::string given, std::string family, std::string company = "",
                      std::string number = "", std::string extension = "") {
   Contact c;
   c.source_id = std::move(id);
   c.name.given = std::move(given);
   c.name.family = std::move(family);
   c.company = std::move(company);
   if (!number.empty()) c.numbers.push_back({NumberType::office, "", std::move(number)});
   c.extension = std::move(extension);
   return c;
}

// Names from German, French, Nordic, Czech, Polish, Turkish, English and Spanish books.
inline std::vector<Contact> many_languages() {
   return {
       person("1", "Hans", "Müller", "Stadtwerke München", "+49 89 7007 1234", "1234"),
       person("2", "Eva", "Mueller", "Bayerische Bank", "+49 89 5550 200"),
       person("3", "Paul", "Muller", "Acme Ltd", "+44 20 7946 0000"),
       person("4", "Anders", "Ørsted", "Vindkraft A/S", "+45 33 12 34 56"),
       person("5", "François", "Lefèvre", "Société Générale", "+33 1 42 14 20 00"),
       person("6", "Øystein", "Dahl", "Equinor", "+47 22 00 00 00"),
       person("7", "Antonín", "Dvořák", "Česká spořitelna", "+420 224 000 000"),
       person("8", "Şule", "İzmirli", "Türk Telekom", "+90 212 000 00 00"),
       person("9", "Łukasz", "Wiśniewski", "Orlen", "+48 22 000 00 00"),
       person("10", "Grete", "Meier", "", "+49 30 1000 1000"),
       person("11", "Jörg", "Mayer", "", "+49 30 1000 2000"),
       person("12", "Karl", "Maier", "", "+49 30 1000 3000"),
       person("13", "Lena", "Meyer", "", "+49 30 1000 4000"),
       person("14", "Uwe", "Schmidt", "", "+49 40 2000 1000"),
       person("15", "Ute", "Schmitt", "", "+49 40 2000 2000"),
       person("16", "John", "Smith", "", "+1 212 555 0100"),
       person("17", "Jane", "Smyth", "", "+1 212 555 0101"),
       person("18", "Catherine", "Jones", "", "+1 212 555 0102"),
       person("19", "Kathryn", "Brown", "", "+1 212 555 0103"),
       person("20", "José", "Peña", "Telefónica", "+34 91 000 00 00"),
       person("21", "Sven", "Straße", "", "+49 89 1111 1111"),
   };
}

inline std::shared_ptr<DirectoryDb> book_of(const std::vector<Contact> &rows, std::string source = "hr") {
   auto db = empty_book();
   const auto report = apply_source(*db, source, rows, {});
   if (!report) FAIL(report.error().what);
   REQUIRE(report->rejected.empty());
   return db;
}

inline std::vector<std::string> names_found(DirectoryDb &db, std::string_view query, std::size_t page_size = 50) {
   const auto page = search(db, query, page_size, "");
   if (!page) FAIL(page.error().what);
   std::vector<std::string> names;
   for (const SearchResult &result : page->results) names.push_back(result.display_name);
   return names;
}

}  // namespace portier::directory::test
