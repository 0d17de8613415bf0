// SPDX-License-Identifier: GPL-3.0-or-later
// A version-4 phone book file is brought to version 5 when opened: the English sound tokens are
// rewritten ("mNT" -> "m0nt") and both indexes are made again, the number index with 4-digit
// windows.
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

// The sounds column as version 4 wrote it: "k" and the Cologne digits, "m" and the English key.
std::string v4_sounds(std::initializer_list<std::string_view> words) {
   std::string out;
   for (std::string_view word : words)
      for (const std::string &token : {"k" + cologne_code(word), "m" + english_code(word)})
         if (token.size() > 1) out += (out.empty() ? "" : " ") + token;
   return out;
}

}  // namespace

TEST_CASE("a version-4 phone book file gets version 5's sound tokens and number windows when opened") {
   const BookFile file("directory_v4");
   const std::string &path = file.path;
   {
      const std::string v4 = schema_table_sql(4) + kVersion4TablesSql + R"sql(
INSERT INTO contacts VALUES (4096, 1, 'night' || char(31) || 'nina' || char(31) || char(31) || char(31) || '0000000000000001',
   NULL, 'nina night', ')sql" + v4_sounds({"nina", "night"}) + R"sql(', '498970071234 1234', '*', 't2a');
INSERT INTO source_rows VALUES ('hr', '1', 1, '{"i":"1","s":"hr","g":"Nina","f":"Night","p":[["office","+498970071234","+498970071234"]],"x":"1234"}');
INSERT INTO name_index(name_index) VALUES('rebuild');
INSERT INTO number_index(rowid, digits) VALUES (4096, '498970 989700 897007 970071 700712 007123 071234 71234 1234 234 t2a');
)sql";
      write_old_book(path, v4);
   }
   {
      auto opened = DirectoryDb::open(path);
      REQUIRE(opened.ok());
      DirectoryDb &db = *opened.value();
      sqlite3 *handle = db.handle();
      CHECK(text_of(handle, "SELECT max(version) FROM directory_schema") == std::to_string(kSchemaVersion));
      CHECK(text_of(handle, "SELECT sounds FROM contacts") ==
            sound_tokens("nina").cologne + " " + sound_tokens("nina").english + " " + sound_tokens("night").cologne +
                " " + sound_tokens("night").english);
      // Only the English key finds her ("knight" and "night" differ in Cologne digits).
      REQUIRE(cologne_code("knight") != cologne_code("night"));
      CHECK(names_found(db, "knight") == Names{"Night, Nina"});
      // A 5-digit fragment is asked for as 4-digit windows, which the old index did not hold.
      CHECK(names_found(db, "70071") == Names{"Night, Nina"});
      CHECK(names_found(db, "971234").empty());
      check_indexes_intact(handle);
   }
}
