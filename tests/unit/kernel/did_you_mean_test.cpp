// SPDX-License-Identifier: GPL-3.0-or-later
#include <array>
#include <string>

#include <catch2/catch.hpp>

#include "kernel/did_you_mean.h"

using namespace portier::kernel;

TEST_CASE("edit distance counts insertions, deletions and substitutions") {
   CHECK(edit_distance("", "") == 0);
   CHECK(edit_distance("store", "store") == 0);
   CHECK(edit_distance("store", "stor") == 1);
   CHECK(edit_distance("store", "stores") == 1);
   CHECK(edit_distance("store", "stare") == 1);
   CHECK(edit_distance("kitten", "sitting") == 3);
   CHECK(edit_distance("", "abc") == 3);
}

TEST_CASE("two swapped neighbours cost one edit") {
   CHECK(edit_distance("sytsem", "system") == 1);
   CHECK(edit_distance("ab", "ba") == 1);
}

TEST_CASE("words too long to compare are as far apart as can be") {
   const std::string huge(kMaxEditWord + 1, 'a');
   CHECK(edit_distance(huge, huge) == static_cast<std::size_t>(-1));
}

TEST_CASE("the closest word within a third of its length is suggested") {
   constexpr std::array<std::string_view, 3> words = {"system", "store", "plugins"};
   CHECK(closest_word("sytem", words) == std::string_view("system"));
   CHECK(closest_word("plugin", words) == std::string_view("plugins"));
   CHECK_FALSE(closest_word("database", words).has_value());
   // "stxre2" is two edits from "store", beyond max(1, 5 / 3) = 1.
   CHECK_FALSE(closest_word("stxre2", words).has_value());
}

TEST_CASE("a short word still gets a suggestion one edit away") {
   constexpr std::array<std::string_view, 2> words = {"id", "file"};
   CHECK(closest_word("ix", words) == std::string_view("id"));
   CHECK_FALSE(closest_word("xy", words).has_value());
}

TEST_CASE("the nearer of two candidates wins") {
   constexpr std::array<std::string_view, 2> words = {"load", "loud"};
   CHECK(closest_word("loud", words) == std::string_view("loud"));
}
