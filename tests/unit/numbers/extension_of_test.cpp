// SPDX-License-Identifier: GPL-3.0-or-later
// Extension matching: which extension of the site an E.164 number reaches.
#include <catch2/catch.hpp>

#include "numbers/extension_of.h"
#include "test_plans.h"

using namespace portier::numbers;
namespace t = portier::numbers::test;

TEST_CASE("a number under the site's trunk is its extension") {
   CHECK(extension_of(t::munich(), "+49897007123") == "123");
   CHECK(extension_of(t::munich(), "+4989700712345") == "12345");
}

TEST_CASE("a number with more digits than the longest extension is not an extension") {
   CHECK_FALSE(extension_of(t::munich(), "+49897007123456"));
}

TEST_CASE("the trunk prefix alone is not an extension") {
   CHECK_FALSE(extension_of(t::munich(), "+49897007"));
}

TEST_CASE("numbers of another area or country are not extensions") {
   CHECK_FALSE(extension_of(t::munich(), "+49307007123"));
   CHECK_FALSE(extension_of(t::munich(), "+43897007123"));
}

TEST_CASE("among several trunks the longest matching prefix decides") {
   NumberPlan plan = t::munich();
   plan.trunks = {{"70", "", ""}, {"7007", "", ""}};
   CHECK(extension_of(plan, "+49897007123") == "123");
   CHECK(extension_of(plan, "+4989701234") == "1234");
}

TEST_CASE("a trunk with a range reaches only the extensions in it") {
   CHECK(extension_of(t::london(), "+442079464999") == "4999");
   CHECK_FALSE(extension_of(t::london(), "+442079465000"));
   CHECK(extension_of(t::london(), "+442039465000") == "5000");
   CHECK_FALSE(extension_of(t::london(), "+442039464999"));
   CHECK_FALSE(extension_of(t::london(), "+44207946499"));
}

TEST_CASE("a site without trunks or extension length has no extensions") {
   NumberPlan plan = t::munich();
   plan.trunks.clear();
   CHECK_FALSE(extension_of(plan, "+49897007123"));
   plan = t::munich();
   plan.max_extension_length = 0;
   CHECK_FALSE(extension_of(plan, "+49897007123"));
}

TEST_CASE("what is not E.164 has no extension") {
   CHECK_FALSE(extension_of(t::munich(), "49897007123"));
   CHECK_FALSE(extension_of(t::munich(), "+49 897007123"));
}
