// SPDX-License-Identifier: GPL-3.0-or-later
#include <catch2/catch.hpp>

#include <sqlite3.h>

#include "directory/statement.h"
#include "test_book.h"

using namespace portier::directory;
using namespace portier::directory::test;
using Names = std::vector<std::string>;

namespace {

std::int64_t count_of(DirectoryDb &db, std::string_view sql) {
   Statement statement(db.handle(), sql);
   REQUIRE(statement.step());
   return statement.column_int(0);
}

// The rank order holds: rowids ascend with the rank key, so FTS5's rowid order is the ranking.
bool ranks_follow_keys(DirectoryDb &db) {
   Statement rows(db.handle(), "SELECT rank_key FROM contacts ORDER BY rank");
   std::string previous;
   while (rows.step()) {
      std::string key = rows.column_text(0);
      if (!previous.empty() && !(previous < key)) return false;
      previous = std::move(key);
   }
   return true;
}

}  // namespace

TEST_CASE("a run adds, updates and deletes by source id and counts each") {
   auto db = book_of({person("1", "Hans", "Huber"), person("2", "Ida", "Ilg"), person("3", "Jan", "Jung")});
   const auto report = apply_source(*db, "hr",
                                    std::vector{person("1", "Hans", "Huber"), person("2", "Ida", "Ilg-Berger"),
                                                person("4", "Kai", "Kurz")},
                                    {});
   REQUIRE(report.ok());
   CHECK(report->added == 1);
   CHECK(report->updated == 1);
   CHECK(report->deleted == 1);
   CHECK(report->unchanged == 1);
   CHECK(names_found(*db, "jung").empty());
   CHECK(names_found(*db, "kurz") == Names{"Kurz, Kai"});
   CHECK(names_found(*db, "ilg") == Names{"Ilg-Berger, Ida"});
   CHECK(count_of(*db, "SELECT count(*) FROM contacts") == 3);
   CHECK(ranks_follow_keys(*db));
}

TEST_CASE("one source's run never touches another source's contacts") {
   auto db = book_of({person("1", "Hans", "Huber")}, "ldap");
   REQUIRE(apply_source(*db, "csv", std::vector{person("1", "Hans", "Hofer")}, {}).ok());
   const auto emptied = apply_source(*db, "csv", std::vector<Contact>{}, {});
   REQUIRE(emptied.ok());
   CHECK(emptied->deleted == 1);
   CHECK(names_found(*db, "hans") == Names{"Huber, Hans"});
}

TEST_CASE("a run that fails changes nothing, even the rows it wrote before failing") {
   auto db = book_of({person("1", "Hans", "Huber"), person("2", "Ida", "Ilg")});
   ApplyOptions strict;
   strict.max_rejected = 0;
   Contact broken = person("3", "Jan", std::string(kMaxNameBytes + 1, 'x'));
   const auto report =
       apply_source(*db, "hr", std::vector{person("1", "Hans", "Hofer"), person("4", "Kai", "Kurz"), broken}, strict);
   REQUIRE_FALSE(report.ok());
   CHECK_THAT(report.error().what, Catch::Contains("row 3") && Catch::Contains("family name"));
   CHECK(names_found(*db, "huber") == Names{"Huber, Hans"});
   CHECK(names_found(*db, "ilg") == Names{"Ilg, Ida"});
   CHECK(names_found(*db, "kurz").empty());
   CHECK(names_found(*db, "hofer").empty());
   // The book still takes the next run.
   REQUIRE(apply_source(*db, "hr", std::vector{person("1", "Hans", "Hofer")}, {}).ok());
   CHECK(names_found(*db, "hofer") == Names{"Hofer, Hans"});
}

TEST_CASE("rejected rows are reported with position and reason and keep their old version") {
   auto db = book_of({person("1", "Hans", "Huber"), person("2", "Ida", "Ilg")});
   Contact bad_number = person("2", "Ida", "Ilg", "", "089 7007");  // no number plan given
   const auto report = apply_source(
       *db, "hr", std::vector{person("1", "Hans", "Huber"), bad_number, person("1", "Hans", "Again")}, {});
   REQUIRE(report.ok());
   REQUIRE(report->rejected.size() == 2);
   CHECK(report->rejected[0].position == 2);
   CHECK_THAT(report->rejected[0].reason, Catch::Contains("no number plan"));
   CHECK(report->rejected[1].position == 3);
   CHECK_THAT(report->rejected[1].reason, Catch::Contains("first at row 1"));
   CHECK(report->deleted == 0);
   CHECK(names_found(*db, "ilg") == Names{"Ilg, Ida"});
}

TEST_CASE("a row of another source given to a run is rejected") {
   auto db = empty_book();
   Contact foreign = person("1", "Hans", "Huber");
   foreign.source = "ldap";
   const auto report = apply_source(*db, "csv", std::vector{foreign}, {});
   REQUIRE(report.ok());
   CHECK(report->rejected.size() == 1);
   CHECK(count_of(*db, "SELECT count(*) FROM contacts") == 0);
}

TEST_CASE("a small run places contacts in rank gaps until one is used up and then renumbers") {
   std::vector<Contact> rows;
   for (int i = 0; i < 300; ++i) rows.push_back(person(std::to_string(i), "G", "Name" + std::to_string(1000 + i * 2)));
   auto db = empty_book();
   ApplyOptions options;
   options.renumber_above = 100;
   const auto first = apply_source(*db, "hr", rows, options);
   REQUIRE(first.ok());
   CHECK_FALSE(first->renumbered);  // a first load is written in rank order directly
   REQUIRE(ranks_follow_keys(*db));
   // Into the same gap, one after another, until it is used up and the run renumbers.
   bool renumbered = false;
   for (int i = 0; i < 20 && !renumbered; ++i) {
      rows.push_back(person("new" + std::to_string(i), "G", "Name1000" + std::string(static_cast<std::size_t>(i + 1), 'a')));
      const auto run = apply_source(*db, "hr", rows, options);
      REQUIRE(run.ok());
      CHECK(run->added == 1);
      renumbered = run->renumbered;
      REQUIRE(ranks_follow_keys(*db));
   }
   CHECK(renumbered);
   const auto page = search(*db, "name1000", 5, "");
   REQUIRE(page.ok());
   REQUIRE(page->results.size() == 5);
   CHECK(page->results[0].display_name == "Name1000, G");
   CHECK(page->results[1].display_name == "Name1000a, G");
   CHECK(count_of(*db, "SELECT count(*) FROM contacts WHERE rank < 0") == 0);
}

TEST_CASE("a small run's index writes reach each index as one new segment, removals included") {
   std::vector<Contact> rows;
   for (int i = 0; i < 300; ++i)
      rows.push_back(person(std::to_string(i), "G", "Name" + std::to_string(1000 + i * 2), "",
                            "+49 89 7007" + std::to_string(1000 + i * 2)));
   auto db = empty_book();
   ApplyOptions options;
   options.renumber_above = 100;
   REQUIRE(apply_source(*db, "hr", rows, options).ok());
   // FTS5 data rowids carry the segment id above bit 37 (rows below are the structure records).
   const auto segments = [&](std::string_view index) {
      return count_of(*db, "SELECT count(DISTINCT id >> 37) FROM " + std::string(index) + "_data WHERE id >= (1 << 37)");
   };
   const std::int64_t names_before = segments("name_index"), numbers_before = segments("number_index");
   // Each renamed contact moves into the gap after its old place.
   for (int i = 0; i < 20; ++i) rows[static_cast<std::size_t>(i * 10)].name.family += "b";
   rows.push_back(person("new", "G", "Name1001", "", "+49 89 70071001"));
   rows.erase(rows.begin() + 5);
   const auto run = apply_source(*db, "hr", rows, options);
   REQUIRE(run.ok());
   CHECK_FALSE(run->renumbered);
   CHECK(run->updated == 20);
   // One row at a time made a segment per write (two per changed contact), which FTS5 then merged
   // with the large segments of the first load.
   CHECK(segments("name_index") == names_before + 1);
   CHECK(segments("number_index") == numbers_before + 1);
   CHECK(ranks_follow_keys(*db));
   CHECK(names_found(*db, "name1380") == Names{"Name1380b, G"});  // row 190, not its old name
   CHECK(names_found(*db, "70071380") == Names{"Name1380b, G"});
   CHECK(names_found(*db, "name1010").empty());  // row 5, gone
   CHECK(names_found(*db, "name1001") == Names{"Name1001, G"});
   CHECK(names_found(*db, "70071001") == Names{"Name1001, G"});
   check_indexes_intact(db->handle());
}

TEST_CASE("a phone book file has no column sizes in its indexes and no index on the rank key") {
   auto db = empty_book();
   CHECK(count_of(*db, "SELECT count(*) FROM sqlite_master WHERE name IN ('name_index_docsize', "
                       "'number_index_docsize', 'contacts_by_rank_key')") == 0);
}

TEST_CASE("a large run into a filled book renumbers every contact and keeps them findable") {
   std::vector<Contact> rows;
   for (int i = 0; i < 300; ++i) rows.push_back(person(std::to_string(i), "G", "Name" + std::to_string(1000 + i)));
   auto db = empty_book();
   ApplyOptions options;
   options.renumber_above = 100;
   REQUIRE(apply_source(*db, "hr", rows, options).ok());
   REQUIRE(apply_source(*db, "other", std::vector{person("x", "Other", "Aaron", "", "+49 89 123456")}, options).ok());
   for (int i = 0; i < 300; i += 2) rows[static_cast<std::size_t>(i)].name.family = "Moved" + std::to_string(i);
   const auto run = apply_source(*db, "hr", rows, options);
   REQUIRE(run.ok());
   CHECK(run->renumbered);
   CHECK(run->updated == 150);
   CHECK(ranks_follow_keys(*db));
   CHECK(names_found(*db, "moved28") ==
         Names{"Moved28, G", "Moved280, G", "Moved282, G", "Moved284, G", "Moved286, G", "Moved288, G"});
   CHECK(names_found(*db, "name1001") == Names{"Name1001, G"});
   CHECK(names_found(*db, "name1000").empty());
   CHECK(names_found(*db, "123456") == Names{"Aaron, Other"});
   CHECK(count_of(*db, "SELECT count(*) FROM contacts") == 301);
}

TEST_CASE("a bulk load fills the indexes with a large FTS5 buffer and sets it back to the default") {
   std::vector<Contact> rows;
   for (int i = 0; i < 300; ++i)
      rows.push_back(person(std::to_string(i), "G", "Name" + std::to_string(1000 + i), "", "+49 89 7007" + std::to_string(1000 + i)));
   auto db = empty_book();
   ApplyOptions options;
   options.renumber_above = 100;
   const auto hash_sizes = [&] {
      return count_of(*db, "SELECT count(*) FROM name_index_config WHERE k = 'hashsize' AND v = 1048576") +
             count_of(*db, "SELECT count(*) FROM number_index_config WHERE k = 'hashsize' AND v = 1048576");
   };
   REQUIRE(apply_source(*db, "hr", rows, options).ok());
   CHECK(hash_sizes() == 2);
   CHECK(names_found(*db, "name1299") == Names{"Name1299, G"});
   CHECK(names_found(*db, "70071299") == Names{"Name1299, G"});
   // FTS5's own consistency check of the segments the large buffer wrote.
   check_indexes_intact(db->handle());
   for (int i = 0; i < 300; i += 2) rows[static_cast<std::size_t>(i)].name.family = "Moved" + std::to_string(i);
   const auto run = apply_source(*db, "hr", rows, options);
   REQUIRE(run.ok());
   CHECK(run->renumbered);
   CHECK(hash_sizes() == 2);
   CHECK(names_found(*db, "moved298") == Names{"Moved298, G"});
   CHECK(names_found(*db, "70071298") == Names{"Moved298, G"});
}

TEST_CASE("an update that changes a name moves the contact to its new rank") {
   auto db = book_of({person("1", "A", "Adler"), person("2", "B", "Berg"), person("3", "C", "Cramer")});
   REQUIRE(apply_source(*db, "hr", std::vector{person("1", "A", "Zander"), person("2", "B", "Berg"),
                                                person("3", "C", "Cramer")},
                        {})
               .ok());
   CHECK(ranks_follow_keys(*db));
   std::vector<std::string> all;
   for (const char *q : {"a", "b", "c"}) {
      const auto page = search(*db, q, 10, "");
      REQUIRE(page.ok());
      for (const auto &r : page->results) all.push_back(r.display_name);
   }
   CHECK(names_found(*db, "adler").empty());
   CHECK(names_found(*db, "zander") == Names{"Zander, A"});
}

TEST_CASE("contacts keep their id across runs that change them") {
   auto db = book_of({person("1", "Hans", "Huber")});
   const auto before = search(*db, "huber", 10, "");
   REQUIRE(before.ok());
   REQUIRE(apply_source(*db, "hr", std::vector{person("1", "Hans", "Huber", "Neue GmbH")}, {}).ok());
   const auto after = search(*db, "huber", 10, "");
   REQUIRE(after.ok());
   REQUIRE(after->results.size() == 1);
   CHECK(after->results[0].contact_id == before->results.at(0).contact_id);
   CHECK(after->results[0].company == "Neue GmbH");
}

TEST_CASE("a phone book file keeps its contacts and schema version across opens") {
   const BookFile file("directory_test");
   const std::string &path = file.path;
   {
      auto db = DirectoryDb::open(path);
      REQUIRE(db.ok());
      REQUIRE(apply_source(*db.value(), "hr", std::vector{person("1", "Hans", "Huber")}, {}).ok());
   }
   {
      auto db = DirectoryDb::open(path);
      REQUIRE(db.ok());
      CHECK(names_found(*db.value(), "huber") == Names{"Huber, Hans"});
      CHECK(count_of(*db.value(), "SELECT max(version) FROM directory_schema") == kSchemaVersion);
      execute(db.value()->handle(), "INSERT INTO directory_schema(version) VALUES (99)");
   }
   const auto newer = DirectoryDb::open(path);
   CHECK_FALSE(newer.ok());
}
