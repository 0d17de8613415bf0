// SPDX-License-Identifier: GPL-3.0-or-later
#include <catch2/catch.hpp>

#include "script/script.h"

using namespace portier::pbxsim;

TEST_CASE("a script call may say when the caller holds and hangs up, '-' for never") {
   auto parsed = parse_script("call +4930901820 +498970071200 3000 9000\ncall +4930901820 +498970071201 - 5000\n", "t");
   REQUIRE(parsed.ok());
   CHECK(parsed.steps[0].hold_after_ms == 3000u);
   CHECK(parsed.steps[0].hang_up_after_ms == 9000u);
   CHECK_FALSE(parsed.steps[1].hold_after_ms);
   CHECK(parsed.steps[1].hang_up_after_ms == 5000u);
   CHECK(describe(parsed.steps[1]) == "call +4930901820 +498970071201 - 5000");
   CHECK_THAT(parse_script("call +4930901820 +498970071200 soon\n", "t").error, Catch::Contains("'soon'"));
}
