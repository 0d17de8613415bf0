// SPDX-License-Identifier: GPL-3.0-or-later
#include <string>

#include <catch2/catch.hpp>

#include "mp2_parser.h"
#include "mp2_test_support.h"

using portier::osv::parse_mp2;
using portier::osv::to_utf8;

TEST_CASE("Latin-1 display names come out as UTF-8") {
   auto f = parse_mp2(mp2test::fixture("latin1.txt"));
   REQUIRE(f.ok());
   REQUIRE(f.value().records.size() == 2);
   CHECK(f.value().records[0].find("DISPLAYNAME")->value == "M\xC3\xBCller, J\xC3\xBCrgen");
   CHECK(f.value().records[1].find("DISPLAYNAME")->value == "Strau\xC3\x9F, Grete");
}

TEST_CASE("UTF-8 values are kept as they are") {
   auto f = parse_mp2("FILE VERSION:1:MP2\nX\n,N=\"M\xC3\xBCller \xE2\x82\xAC \xF0\x9F\x93\x9E\"\n;;\n");
   REQUIRE(f.ok());
   CHECK(f.value().records[0].find("N")->value == "M\xC3\xBCller \xE2\x82\xAC \xF0\x9F\x93\x9E");
}

TEST_CASE("bytes that are not valid UTF-8 are read as Latin-1") {
   CHECK(to_utf8("abc") == "abc");
   CHECK(to_utf8("\xE9t\xE9") == "\xC3\xA9t\xC3\xA9");
   CHECK(to_utf8("\xC3") == "\xC3\x83");                  // a lone lead byte
   CHECK(to_utf8("\xED\xA0\x80") == "\xC3\xAD\xC2\xA0\xC2\x80");  // a UTF-16 surrogate is not UTF-8
   CHECK(to_utf8("\xC0\xAF") == "\xC3\x80\xC2\xAF");      // an overlong form is not UTF-8
}
