// SPDX-License-Identifier: GPL-3.0-or-later
// Each dialled, displayed and PBX form of a number, to E.164.
#include <catch2/catch.hpp>

#include "numbers/to_e164.h"
#include "test_plans.h"

using namespace portier::numbers;
namespace t = portier::numbers::test;
using t::e164_of;

TEST_CASE("an extension becomes the main trunk's prefix and the extension") {
   CHECK(e164_of(t::munich(), "123", Form::dial) == "+49897007123");
   CHECK(e164_of(t::munich(), "12345", Form::display) == "+4989700712345");
   CHECK(e164_of(t::new_york(), "0100", Form::dial) == "+12125550100");
}

TEST_CASE("an extension goes through the trunk whose range holds it") {
   CHECK(e164_of(t::london(), "4999", Form::dial) == "+442079464999");
   CHECK(e164_of(t::london(), "5000", Form::dial) == "+442039465000");
}

TEST_CASE("an extension outside every trunk's range is refused") {
   const auto result = to_e164(t::london(), "123", Form::dial);
   REQUIRE_FALSE(result);
   CHECK(result.error().what == "extension '123' is in no local trunk's range");
}

TEST_CASE("an extension at a site without trunks has no E.164 number") {
   NumberPlan plan = t::munich();
   plan.trunks.clear();
   const auto result = to_e164(plan, "123", Form::dial);
   REQUIRE_FALSE(result);
   CHECK(result.error().what == "'123' is an extension, but the site has no local trunk to give it an E.164 number");
}

TEST_CASE("digits longer than the longest extension are not an extension") {
   // Six digits at Munich (max 5) without an access code are a local number as written.
   CHECK(e164_of(t::munich(), "123456", Form::display) == "+4989123456");
   CHECK(e164_of(t::munich(), "123456", Form::dial) == "+4989123456");
}

TEST_CASE("public access and a local number reach the site's area") {
   CHECK(e164_of(t::munich(), "0 1234567", Form::dial) == "+49891234567");
   CHECK(e164_of(t::london(), "9 7946 0000", Form::dial) == "+442079460000");
   CHECK(e164_of(t::new_york(), "9 212 555 0199", Form::dial) == "+12125550199");
}

TEST_CASE("public access and national access reach another area of the country") {
   CHECK(e164_of(t::munich(), "0030 1234567", Form::dial) == "+49301234567");
   CHECK(e164_of(t::london(), "90161 496 0000", Form::dial) == "+441614960000");
   CHECK(e164_of(t::new_york(), "91 415 555 0100", Form::dial) == "+14155550100");
}

TEST_CASE("public access and international access reach another country") {
   CHECK(e164_of(t::munich(), "000 44 20 7946 0000", Form::dial) == "+442079460000");
   CHECK(e164_of(t::london(), "900 49 89 7007 0", Form::dial) == "+498970070");
   CHECK(e164_of(t::new_york(), "9011 49 89 70070", Form::dial) == "+498970070");
}

TEST_CASE("the local access code, where set, reaches the site's area") {
   NumberPlan plan = t::munich();
   plan.access_codes.local = "80";
   CHECK(e164_of(plan, "80 1234567", Form::dial) == "+49891234567");
   // The longer national sequence still wins where both could match.
   CHECK(e164_of(plan, "00 30 1234567", Form::dial) == "+49301234567");
}

TEST_CASE("without a public access code national and international numbers are dialled directly") {
   CHECK(e164_of(t::zurich(), "044 555 12 34", Form::dial) == "+41445551234");
   CHECK(e164_of(t::zurich(), "0049 89 70070", Form::dial) == "+498970070");
   CHECK(e164_of(t::zurich(), "031 555 12 34", Form::dial) == "+41315551234");
   CHECK(e164_of(t::zurich(), "555 12 34", Form::dial) == "+41445551234");
   CHECK(e164_of(t::zurich(), "123", Form::dial) == "+41445551123");
}

TEST_CASE("a written national number carries the trunk code") {
   CHECK(e164_of(t::munich(), "089 7007-0", Form::display) == "+498970070");
   CHECK(e164_of(t::munich(), "(089) 70070", Form::display) == "+498970070");
   CHECK(e164_of(t::london(), "020 7946 0000", Form::display) == "+442079460000");
   CHECK(e164_of(t::new_york(), "1 (212) 555-0100", Form::display) == "+12125550100");
   CHECK(e164_of(t::new_york(), "212-555-0100", Form::display) == "+12125550100");
}

TEST_CASE("a written international number starts with 00 or the site's international prefix") {
   CHECK(e164_of(t::munich(), "0044 20 7946 0000", Form::display) == "+442079460000");
   CHECK(e164_of(t::new_york(), "011 44 20 7946 0000", Form::display) == "+442079460000");
   CHECK(e164_of(t::new_york(), "0044 20 7946 0000", Form::display) == "+442079460000");
}

TEST_CASE("a '+' number is read the same in every form and at every site") {
   for (const NumberPlan &plan : {t::munich(), t::london(), t::new_york(), t::zurich()}) {
      CHECK(e164_of(plan, "+49 89 7007 0", Form::dial) == "+498970070");
      CHECK(e164_of(plan, "+49 89 7007 0", Form::display) == "+498970070");
   }
}

TEST_CASE("the (0) of an international display form is not dialled") {
   CHECK(e164_of(t::london(), "+49 (0)89 7007-0", Form::display) == "+498970070");
   CHECK(e164_of(t::london(), "+44 (0) 20 7946 0000", Form::dial) == "+442079460000");
   CHECK(e164_of(t::munich(), "0044 (0)20 7946 0000", Form::display) == "+442079460000");
   CHECK(e164_of(t::munich(), "000 44 (0)20 7946 0000", Form::dial) == "+442079460000");
}

TEST_CASE("brackets around an area code keep their digits") {
   CHECK(e164_of(t::munich(), "+55 (41) 4052-997000", Form::display) == "+55414052997000");
   CHECK(e164_of(t::munich(), "+1 (212) 555-0100", Form::display) == "+12125550100");
}

TEST_CASE("separators of display forms are skipped: spaces, tabs, dashes, dots, slashes") {
   CHECK(e164_of(t::munich(), "  089/7007.0 ", Form::display) == "+498970070");
   CHECK(e164_of(t::munich(), "089\t7007-0", Form::display) == "+498970070");
}

TEST_CASE("a PBX number without its access codes is read as written") {
   CHECK(e164_of(t::london(), "020 7946 0000", Form::dial) == "+442079460000");
}

TEST_CASE("where the public access code is 0, a dialled 0 is always the line out") {
   // Dialled at Munich, 089 70070 is public access 0 and the local number 8970070.
   CHECK(e164_of(t::munich(), "089 70070", Form::dial) == "+49898970070");
   CHECK(e164_of(t::munich(), "089 70070", Form::display) == "+498970070");
}

TEST_CASE("a VNR node code and extension become the node's E.164 number") {
   CHECK(e164_of(t::curitiba(), "999992 123456", Form::dial) == "+55414051123456");
   // Extensions of the site itself stay extensions.
   CHECK(e164_of(t::curitiba(), "100005", Form::dial) == "+55414052100005");
}
