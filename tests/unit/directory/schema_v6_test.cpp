// SPDX-License-Identifier: GPL-3.0-or-later
// A version-5 phone book file is brought to version 6 when opened: the name index is made again
// with a prefix index of one letter; the number index stays as it was.
#include <catch2/catch.hpp>

#include <cstdio>
#include <string>

#include <sqlite3.h>

#include "directory/phonetic.h"
#include "test_book.h"

using namespace portier::directory;
using namespace portier::directory::test;
using Names = std::vector<std::string>;

namespace {

std::string sounds_of(std::initializer_list<std::string_view> words) {
   std::string out;
   for (std::string_view word : words) {
      const SoundTokens tokens = sound_tokens(word);
      for (const std::string *token : {&tokens.cologne, &tokens.english})
         if (!token->empty()) out += (out.empty() ? "" : " ") + *token;
   }
   return out;
}

}  // namespace

TEST_CASE("a version-5 phone book file gets a one-letter prefix index when opened, and keeps its numbers") {
   const BookFile file("directory_v5");
   const std::string &path = file.path;
   {
      const std::string v5 = schema_table_sql(5) + kVersion4TablesSql + R"sql(
INSERT INTO contacts VALUES (4096, 1, 'maier' || char(31) || 'anna' || char(31) || char(31) || char(31) || '0000000000000001',
   NULL, 'anna maier', ')sql" + sounds_of({"anna", "maier"}) + R"sql(', '498970071234 1234', '*', 't2a');
INSERT INTO contacts VALUES (8192, 2, 'schulz' || char(31) || 'anna' || char(31) || char(31) || char(31) || '0000000000000002',
   NULL, 'anna schulz', ')sql" + sounds_of({"anna", "schulz"}) + R"sql(', '498970075678 5678', '*', 't2a');
INSERT INTO source_rows VALUES ('hr', '1', 1, '{"i":"1","s":"hr","g":"Anna","f":"Maier","p":[["office","+498970071234","+498970071234"]],"x":"1234"}');
INSERT INTO source_rows VALUES ('hr', '2', 2, '{"i":"2","s":"hr","g":"Anna","f":"Schulz","p":[["office","+498970075678","+498970075678"]],"x":"5678"}');
INSERT INTO name_index(name_index) VALUES('rebuild');
INSERT INTO number_index(rowid, digits) VALUES (4096, '4989 9897 8970 9700 7007 0071 0712 7123 1234 234 1234 234 t2a');
INSERT INTO number_index(rowid, digits) VALUES (8192, '4989 9897 8970 9700 7007 0075 0756 7567 5678 678 5678 678 t2a');
)sql";
      write_old_book(path, v5);
   }
   {
      auto opened = DirectoryDb::open(path);
      REQUIRE(opened.ok());
      DirectoryDb &db = *opened.value();
      sqlite3 *handle = db.handle();
      CHECK(text_of(handle, "SELECT max(version) FROM directory_schema") == std::to_string(kSchemaVersion));
      CHECK(text_of(handle, "SELECT sql FROM sqlite_master WHERE name = 'name_index'").find("prefix='1 2 3 4 5'") !=
            std::string::npos);
      // The word being typed is one letter: the new prefix index answers it.
      CHECK(names_found(db, "anna m") == Names{"Maier, Anna"});
      CHECK(names_found(db, "s anna") == Names{"Schulz, Anna"});
      CHECK(names_found(db, "anna") == Names{"Maier, Anna", "Schulz, Anna"});
      // The number index was not made again: each number once, found as before.
      CHECK(names_found(db, "70075678") == Names{"Schulz, Anna"});
      CHECK(names_found(db, "1234") == Names{"Maier, Anna"});
      CHECK(text_of(handle, "SELECT count(*) FROM number_index WHERE number_index MATCH '\"4989\"'") == "2");
      check_indexes_intact(handle);
   }
}
