// SPDX-License-Identifier: GPL-3.0-or-later
#include <catch2/catch.hpp>

#include "sip/cps_numbers.h"
#include "sip/number_forms.h"
#include "sip/sip_uri.h"

using namespace portier::pbxsim;

TEST_CASE("a CPS range written with a short end covers the numbers between its ends") {
   auto parsed = parse_cps_range("+498970071200..99");
   REQUIRE(parsed.range);
   CHECK(parsed.range->last == "+498970071299");
   CHECK(parsed.range->contains("+498970071250"));
   CHECK_FALSE(parsed.range->contains("+498970071300"));
   CHECK_FALSE(parsed.range->contains("+49897007125"));  // one digit short
}

TEST_CASE("a CPS range whose end lies below its start is refused with the reason") {
   auto parsed = parse_cps_range("+498970071250..+498970071200");
   CHECK_FALSE(parsed.range);
   CHECK_THAT(parsed.error, Catch::Contains("below its start"));
   std::string error;
   CHECK_FALSE(CpsNumbers::read({"+4989700712", "12345"}, error));
   CHECK_THAT(error, Catch::Contains("cps_numbers[1]"));
}

TEST_CASE("a trunk number reaches an office extension in either number form") {
   const std::vector<std::string> full = {"+49897007201"};
   const std::vector<std::string> short_form = {"201"};
   CHECK(to_office_number(full, "+49897007201", "+49897007") == "+49897007201");
   CHECK(to_office_number(short_form, "+49897007201", "+49897007") == "201");
   CHECK(to_office_number(full, "201", "+49897007") == "+49897007201");
   CHECK(to_office_number(full, "+49897007299", "+49897007").empty());
   CHECK(to_trunk_number("201", "+49897007") == "+49897007201");
}

TEST_CASE("a contact URI tells where requests to it go") {
   auto peer = uri_peer("<sip:portier-cps@127.0.0.1:40123;transport=tcp>;expires=300");
   REQUIRE(peer);
   CHECK(peer->address == "127.0.0.1");
   CHECK(peer->port == 40123);
   CHECK(peer->transport == portier::sip::TransportKind::tcp);
   CHECK(uri_user("\"Caller\" <sip:+4930901820@127.0.0.1;user=phone>") == "+4930901820");
   CHECK_FALSE(uri_peer("sip:x@127.0.0.1:99999"));
}
