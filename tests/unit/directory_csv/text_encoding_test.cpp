// SPDX-License-Identifier: GPL-3.0-or-later
#include <string>

#include <catch2/catch.hpp>

#include "text_encoding.h"

using portier::csv::append_latin1_as_utf8;
using portier::csv::first_bad_utf8;

TEST_CASE("well-formed UTF-8 has no bad byte") {
   CHECK(first_bad_utf8("plain ASCII") == std::string_view::npos);
   CHECK(first_bad_utf8("M\xC3\xBCller \xE2\x82\xAC \xF0\x9F\x93\x9E") == std::string_view::npos);
}

TEST_CASE("the first malformed UTF-8 byte is found by offset") {
   CHECK(first_bad_utf8("M\xFCller") == 1);                  // Latin-1 ü
   CHECK(first_bad_utf8("ab\xC3") == 2);                     // cut sequence
   CHECK(first_bad_utf8("\xC0\xAF") == 0);                   // overlong
   CHECK(first_bad_utf8("x\xED\xA0\x80") == 1);              // surrogate
   CHECK(first_bad_utf8("\xF4\x90\x80\x80") == 0);           // above U+10FFFF
   CHECK(first_bad_utf8("ok\x80") == 2);                     // continuation without lead
}

TEST_CASE("Latin-1 converts to UTF-8 byte by byte") {
   std::string out;
   append_latin1_as_utf8(out, "M\xFCller \xDF\xE9");
   CHECK(out == "M\xC3\xBCller \xC3\x9F\xC3\xA9");
}
