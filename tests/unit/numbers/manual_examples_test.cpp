// SPDX-License-Identifier: GPL-3.0-or-later
// The numbers of the manual's examples (routing data 6.2.3.2, the OSV number checklist, the
// OpenScape 4000 VNR configuration 5.4.9), at the sites they belong to.
#include <catch2/catch.hpp>

#include "numbers/extension_of.h"
#include "numbers/from_e164.h"
#include "numbers/to_e164.h"
#include "numbers/vnr.h"
#include "test_plans.h"

using namespace portier::numbers;
namespace t = portier::numbers::test;
using t::e164_of;

TEST_CASE("public access 0 and national access 0 make 008970070 a national number") {
   CHECK(e164_of(t::munich(), "008970070", Form::dial) == "+498970070");
}

TEST_CASE("public access 0 and international access 00 make 000498970070 an international number") {
   CHECK(e164_of(t::munich(), "000498970070", Form::dial) == "+498970070");
}

TEST_CASE("the manual's two dialled forms name the same number and dial back nationally") {
   const NumberPlan berlin = [] {
      NumberPlan plan = t::munich();
      plan.area_code = "30";
      plan.trunks.clear();
      return plan;
   }();
   CHECK(e164_of(berlin, "008970070", Form::dial) == "+498970070");
   CHECK(e164_of(berlin, "000498970070", Form::dial) == "+498970070");
   CHECK(*from_e164(berlin, "+498970070", Form::dial) == "008970070");
}

TEST_CASE("the OSV checklist's extensions at +49 5050 580 are the site's four-digit extensions") {
   const NumberPlan plan = t::landesbergen();
   for (const char *number : {"+4950505803201", "+4950505803219", "+4950505803220", "+4950505803299",
                              "+4950505803300", "+4950505803301", "+4950505803349", "+4950505803350",
                              "+4950505803399", "+4950505805520"}) {
      CAPTURE(number);
      const auto extension = extension_of(plan, number);
      REQUIRE(extension);
      CHECK(*extension == std::string(number).substr(10));
      CHECK(e164_of(plan, *extension, Form::dial) == number);
   }
}

TEST_CASE("the checklist's written ranges with a dash before the extension read as E.164") {
   const NumberPlan plan = t::landesbergen();
   CHECK(e164_of(plan, "+495050580-9000", Form::display) == "+4950505809000");
   CHECK(e164_of(plan, "+495050580-9399", Form::display) == "+4950505809399");
   CHECK(e164_of(plan, "+495050580-5520", Form::dial) == "+4950505805520");
}

TEST_CASE("VNR node codes of the KNDEF example address devices in E.164") {
   const NumberPlan plan = t::curitiba();
   CHECK(*vnr_to_e164(plan.vnr_nodes, "999993100005") == "+55414052100005");
   CHECK(*vnr_to_e164(plan.vnr_nodes, "999993997000") == "+55414052997000");
   CHECK(*vnr_to_e164(plan.vnr_nodes, "999993998016") == "+55414052998016");
   CHECK(*vnr_to_e164(plan.vnr_nodes, "999991100001") == "+55414050100001");
   CHECK(*vnr_from_e164(plan.vnr_nodes, "+55414052998004") == "999993998004");
}

TEST_CASE("the VNR node of the shared incoming trunks has no E.164 prefix and converts nothing") {
   const auto result = vnr_to_e164(t::curitiba().vnr_nodes, "999999100005");
   REQUIRE_FALSE(result);
   CHECK(result.error().what == "'999999100005' starts with no VNR node code");
}

TEST_CASE("the client's display form of a VNR caller reads as the E.164 number the PBX reports") {
   const NumberPlan plan = t::curitiba();
   CHECK(e164_of(plan, "+55 (41) 4052-997000", Form::display) == "+55414052997000");
   CHECK(e164_of(plan, "+55 (41) 4052-100000", Form::display) == "+55414052100000");
   CHECK(e164_of(plan, "999993997000", Form::dial) == "+55414052997000");
}

TEST_CASE("the CPS request numbers of the VNR example are extensions of the site's trunk") {
   const NumberPlan plan = t::curitiba();
   for (int i = 4; i <= 18; ++i) {
      const std::string number = "+55414052998" + std::string(i < 10 ? "00" : "0") + std::to_string(i);
      CAPTURE(number);
      const auto extension = extension_of(plan, number);
      REQUIRE(extension);
      CHECK(*extension == number.substr(9));
   }
}

TEST_CASE("closed numbering 985101-0 is the node form of the site number 49 89 7007-0") {
   NumberPlan plan = t::munich();
   plan.vnr_nodes = {{1, "985101", "+49897007"}};
   CHECK(*vnr_to_e164(plan.vnr_nodes, "9851010") == "+498970070");
   CHECK(e164_of(plan, "9851010", Form::dial) == "+498970070");
   CHECK(*vnr_from_e164(plan.vnr_nodes, "+498970070") == "9851010");
}
