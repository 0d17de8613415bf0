// SPDX-License-Identifier: GPL-3.0-or-later
#include <catch2/catch.hpp>

#include "directory/phonetic.h"

using portier::directory::cologne_code;
using portier::directory::english_code;

TEST_CASE("Meier, Mayer, Maier and Meyer sound alike in Kölner Phonetik") {
   CHECK(cologne_code("meier") == "67");
   CHECK(cologne_code("mayer") == "67");
   CHECK(cologne_code("maier") == "67");
   CHECK(cologne_code("meyer") == "67");
}

TEST_CASE("Schmidt and Schmitt sound alike in Kölner Phonetik") {
   CHECK(cologne_code("schmidt") == "862");
   CHECK(cologne_code("schmitt") == "862");
}

TEST_CASE("Kölner Phonetik keeps a leading vowel and reads x as 48") {
   CHECK(cologne_code("anton") == "0626");
   CHECK(cologne_code("alex") == "0548");
   CHECK(cologne_code("wikipedia") == "3412");
}

TEST_CASE("different German names keep different codes") {
   CHECK(cologne_code("meier") != cologne_code("becker"));
   CHECK(cologne_code("schmidt") != cologne_code("schneider"));
}

TEST_CASE("Smith and Smyth, Catherine and Kathryn sound alike in the English key") {
   CHECK(english_code("smith") == "SM0");
   CHECK(english_code("smyth") == "SM0");
   CHECK(english_code("catherine") == "K0RN");
   CHECK(english_code("kathryn") == "K0RN");
}

TEST_CASE("the English key drops silent first letters") {
   CHECK(english_code("knight") == english_code("night"));
   CHECK(english_code("phillips") == "FLPS");
}

TEST_CASE("words too short or not folded get no sound code") {
   CHECK(cologne_code("ab").empty());
   CHECK(english_code("ab").empty());
   CHECK(cologne_code("müller").empty());
   CHECK(english_code("Smith").empty());
}
