// SPDX-License-Identifier: GPL-3.0-or-later
// A configured site's routing data as a number plan.
#include <catch2/catch.hpp>

#include "numbers/number_plan.h"
#include "numbers/to_e164.h"

using namespace portier::numbers;

TEST_CASE("a site's routing data becomes its number plan, without trunks") {
   portier::engine::Site site;
   site.name = "munich";
   site.country_code = "49";
   site.area_code = "89";
   site.trunk_code = "0";
   site.max_extension_length = 5;
   site.access_codes = {"0", "0", "00", "8"};
   const NumberPlan plan = plan_of(site);
   CHECK(plan.country_code == "49");
   CHECK(plan.area_code == "89");
   CHECK(plan.trunk_code == "0");
   CHECK(plan.max_extension_length == 5);
   CHECK(plan.access_codes.public_code == "0");
   CHECK(plan.access_codes.national == "0");
   CHECK(plan.access_codes.international == "00");
   CHECK(plan.access_codes.local == "8");
   CHECK(plan.trunks.empty());
   CHECK(plan.vnr_nodes.empty());
   CHECK(*to_e164(plan, "008970070", Form::dial) == "+498970070");
}
