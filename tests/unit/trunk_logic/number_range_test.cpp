// SPDX-License-Identifier: GPL-3.0-or-later
#include <string>

#include <catch2/catch.hpp>

#include "number_range.h"

using namespace portier::trunk;

TEST_CASE("an E.164 number is a plus and 2 to 15 digits") {
   CHECK(is_e164("+4989700710"));
   CHECK(is_e164("+49"));
   CHECK(is_e164("+123456789012345"));
   CHECK_FALSE(is_e164("+4"));
   CHECK_FALSE(is_e164("+1234567890123456"));
   CHECK_FALSE(is_e164("4989700710"));
   CHECK_FALSE(is_e164("+49 89 700710"));
   CHECK_FALSE(is_e164(""));
}

TEST_CASE("a range is written with a full end or with the end's last digits") {
   const auto full = parse_number_range("+4989700710..+4989700719");
   REQUIRE(full.ok());
   CHECK(full.value().first == "+4989700710");
   CHECK(full.value().last == "+4989700719");
   CHECK(full.value().size() == 10);
   const auto short_end = parse_number_range("+4989700710..19");
   REQUIRE(short_end.ok());
   CHECK(short_end.value() == full.value());
   const auto one = parse_number_range("+4989700710");
   REQUIRE(one.ok());
   CHECK(one.value().size() == 1);
   CHECK(one.value().text() == "+4989700710");
}

TEST_CASE("a range that ends before it starts, or changes length, is refused with the reason") {
   CHECK(parse_number_range("+4989700719..10").message().find("ends before it starts") != std::string::npos);
   CHECK(parse_number_range("+4989700710..+498970071").message().find("same number of digits") != std::string::npos);
   CHECK(parse_number_range("4989700710").message().find("not an E.164 number") != std::string::npos);
   CHECK(parse_number_range("+4989700710..").message().find("must be an E.164 number or the last digits") !=
         std::string::npos);
   CHECK_FALSE(parse_number_range("+4989700710..1x").ok());
}

TEST_CASE("a range holds exactly the numbers between its ends, of its own length") {
   const NumberRange r = parse_number_range("+4989700710..19").value();
   CHECK(r.contains("+4989700710"));
   CHECK(r.contains("+4989700719"));
   CHECK_FALSE(r.contains("+4989700720"));
   CHECK_FALSE(r.contains("+49897007101"));  // one digit longer
   CHECK_FALSE(r.contains("+498970071"));
   CHECK_FALSE(r.contains("garbage"));
}
