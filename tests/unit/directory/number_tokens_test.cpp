// SPDX-License-Identifier: GPL-3.0-or-later
// The number index's tokens, how a fragment is asked for, and the window counts that choose which
// of its windows are asked for.
#include <map>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "directory/number_tokens.h"
#include "test_book.h"

using namespace portier::directory;
using namespace portier::directory::test;

TEST_CASE("a number's tokens are its 4-digit windows and its last 3 digits, each once") {
   CHECK(number_tokens("4989123") == "4989 9891 8912 9123 123");
   CHECK(number_tokens("1111 11111") == "1111 111");
   CHECK(number_tokens("123") == "123");
}

TEST_CASE("a fragment is a prefix, one window, or without counts every window") {
   CHECK(number_expression("123") == "\"123\"*");
   CHECK(number_expression("1234") == "\"1234\"");
   CHECK(number_expression("123456") == "\"1234\" AND \"2345\" AND \"3456\"");
   CHECK(number_needs_check("12345"));
   CHECK_FALSE(number_needs_check("1234"));
}

TEST_CASE("with counts a fragment asks for its two rarest windows, a common one only when all are") {
   std::map<std::string, std::size_t, std::less<>> rows{{"4989", 1'000'000}, {"9897", 100'000}, {"8970", 9'000},
                                                        {"9700", 1'500},     {"7007", 1'600},    {"0071", 40}};
   const WindowRows rows_of = [&](std::string_view window) {
      const auto found = rows.find(window);
      return found == rows.end() ? std::size_t{0} : found->second;
   };
   // The two rarest, whatever their places in the fragment.
   CHECK(number_expression("49897007", rows_of) == "\"9700\" AND \"7007\"");
   CHECK(number_expression("498970071", rows_of) == "\"0071\" AND \"9700\"");
   // A common window is left out while a rarer one is there...
   CHECK(number_expression("49897", rows_of) == "\"9897\"");
   CHECK(number_expression("498970", rows_of) == "\"8970\"");
   // ... and with every window common, the rarest alone; among equals the later one.
   rows["9897"] = 1'000'000;
   CHECK(number_expression("49897", rows_of) == "\"9897\"");
   // Short fragments are as before.
   CHECK(number_expression("4989", rows_of) == "\"4989\"");
   CHECK(number_expression("498", rows_of) == "\"498\"*");
}

TEST_CASE("a window's count is exact below the sample and estimated from ranks above it, and follows the book") {
   std::vector<Contact> rows;
   // Every contact has "4989"; one in fifty has "5555" (fewer than the sample).
   for (int i = 0; i < 1000; ++i) {
      const std::string tail = std::to_string(100000 + i);
      rows.push_back(person(std::to_string(i), "Given" + tail, "Family" + tail, "",
                            i % 50 == 0 ? "+49 89 5555" + tail.substr(3) : "+49 89 7" + tail));
   }
   auto db = book_of(rows);
   CHECK(db->window_counts().rows("5555") == 20);
   CHECK(db->window_counts().rows("8888") == 0);
   const std::size_t all = db->window_counts().rows("4989");
   CHECK(all >= 800);
   CHECK(all <= 1250);
   // An import that changes the book makes the counts be read again.
   rows.resize(500);
   REQUIRE(apply_source(*db, "hr", rows, {}).ok());
   const std::size_t half = db->window_counts().rows("4989");
   CHECK(half >= 400);
   CHECK(half <= 625);
   CHECK(db->window_counts().rows("5555") == 10);
}

TEST_CASE("a fragment over a common window finds what all its windows find") {
   // A site's numbers all start 4989; the fragment spans it and a rare tail.
   std::vector<Contact> rows;
   for (int i = 0; i < 300; ++i) {
      const std::string tail = std::to_string(1000 + i);
      rows.push_back(person(std::to_string(i), "Given" + tail, "Family" + tail, "", "+49 89 700" + tail));
   }
   // Holds the same tail, but not behind 4989.
   rows.push_back(person("x", "Other", "Person", "", "+43 1 7001042"));
   auto db = book_of(rows);
   CHECK(names_found(*db, "49897001042") == std::vector<std::string>{"Family1042, Given1042"});
   CHECK(names_found(*db, "7001042") == std::vector<std::string>{"Family1042, Given1042", "Person, Other"});
   CHECK(names_found(*db, "4989700").size() == 50);
}
