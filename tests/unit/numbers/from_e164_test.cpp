// SPDX-License-Identifier: GPL-3.0-or-later
// E.164 to the form dialled from a site and the form shown there.
#include <catch2/catch.hpp>

#include "numbers/from_e164.h"
#include "test_plans.h"

using namespace portier::numbers;
namespace t = portier::numbers::test;

namespace {

std::string form_of(const NumberPlan &plan, std::string_view e164, Form form) {
   const auto result = from_e164(plan, e164, form);
   if (!result) return "error: " + describe(result.error());
   return *result;
}

}  // namespace

TEST_CASE("a number on the site is dialled as its extension") {
   CHECK(form_of(t::munich(), "+49897007123", Form::dial) == "123");
   CHECK(form_of(t::london(), "+442039465000", Form::dial) == "5000");
   CHECK(form_of(t::new_york(), "+12125550100", Form::dial) == "0100");
}

TEST_CASE("a site number whose extension would read as an access code is dialled as a local number") {
   // +49 89 7007-0: extension 0 is the public access code at Munich.
   CHECK(form_of(t::munich(), "+498970070", Form::dial) == "070070");
}

TEST_CASE("a number in the site's area is dialled with the public access code") {
   CHECK(form_of(t::munich(), "+49891234567", Form::dial) == "01234567");
   CHECK(form_of(t::london(), "+442071234567", Form::dial) == "971234567");
   CHECK(form_of(t::zurich(), "+41441234567", Form::dial) == "1234567");
}

TEST_CASE("the local access code, where set, replaces the public one for the site's area") {
   NumberPlan plan = t::munich();
   plan.access_codes.local = "80";
   CHECK(form_of(plan, "+49891234567", Form::dial) == "801234567");
}

TEST_CASE("a number elsewhere in the country is dialled with public and national access") {
   CHECK(form_of(t::munich(), "+49301234567", Form::dial) == "00301234567");
   CHECK(form_of(t::london(), "+441614960000", Form::dial) == "901614960000");
   CHECK(form_of(t::zurich(), "+41311234567", Form::dial) == "0311234567");
}

TEST_CASE("a US site without an area code dials every national number with public access only") {
   CHECK(form_of(t::new_york(), "+14155550100", Form::dial) == "94155550100");
}

TEST_CASE("a number abroad is dialled with public and international access") {
   CHECK(form_of(t::munich(), "+442079460000", Form::dial) == "000442079460000");
   CHECK(form_of(t::new_york(), "+498970070", Form::dial) == "9011498970070");
   CHECK(form_of(t::zurich(), "+498970070", Form::dial) == "00498970070");
}

TEST_CASE("a number of a VNR node of the PBX is dialled as node code and extension") {
   CHECK(form_of(t::curitiba(), "+55414050100001", Form::dial) == "999991100001");
   CHECK(form_of(t::curitiba(), "+55414052100005", Form::dial) == "100005");
}

TEST_CASE("a site without a public access code dials a short local number nationally") {
   // Local 555 would read back as an extension, so the national form is offered instead.
   NumberPlan plan = t::zurich();
   plan.max_extension_length = 4;
   CHECK(form_of(plan, "+4144555", Form::dial) == "044555");
}

TEST_CASE("a number in the site's country is shown nationally, the site's area code set apart") {
   CHECK(form_of(t::munich(), "+49897007123", Form::display) == "089 7007123");
   CHECK(form_of(t::munich(), "+49301234567", Form::display) == "0301234567");
   CHECK(form_of(t::london(), "+442079460000", Form::display) == "020 79460000");
   CHECK(form_of(t::new_york(), "+12125550100", Form::display) == "12125550100");
}

TEST_CASE("a number abroad is shown internationally with its country code set apart") {
   CHECK(form_of(t::munich(), "+442079460000", Form::display) == "+44 2079460000");
   CHECK(form_of(t::munich(), "+12125550100", Form::display) == "+1 2125550100");
   CHECK(form_of(t::munich(), "+3545551234", Form::display) == "+354 5551234");
   CHECK(form_of(t::new_york(), "+498970070", Form::display) == "+49 8970070");
}

TEST_CASE("a national number short enough to read as an extension is shown internationally") {
   CHECK(form_of(t::new_york(), "+1218", Form::display) == "+1 218");
}
