// SPDX-License-Identifier: GPL-3.0-or-later
// Reading the characters of a number: digits, '+', separators, brackets.
#include <catch2/catch.hpp>

#include "numbers/number_text.h"

using namespace portier::numbers;

TEST_CASE("digits are kept with the position each stands at") {
   const auto read = read_number_text(" +49 (0)89-7");
   REQUIRE(read);
   CHECK(read->plus);
   CHECK(read->digits == "490897");
   CHECK(read->positions == std::vector<std::size_t>{2, 3, 6, 8, 9, 11});
   REQUIRE(read->groups.size() == 1);
   CHECK(read->groups[0].first_digit == 2);
   CHECK(read->groups[0].digit_count == 1);
}

TEST_CASE("a bracket group holding exactly the trunk code is dropped after the given digit") {
   const auto read = read_number_text("+49 (0)89 (0)1");
   REQUIRE(read);
   const NumberText kept = without_bracketed(*read, "0", 2);
   CHECK(kept.digits == "49891");
   CHECK(kept.positions == std::vector<std::size_t>{1, 2, 7, 8, 13});
}

TEST_CASE("a bracket group before the given digit, or holding other digits, is kept") {
   const auto read = read_number_text("(0)89 (41)");
   REQUIRE(read);
   CHECK(without_bracketed(*read, "0", 1).digits == "08941");
   CHECK(without_bracketed(*read, "0", 0).digits == "8941");
}
