// SPDX-License-Identifier: GPL-3.0-or-later
// The `ddi` section: pilot numbers, tenants, purposes, overload rules and overrides.
#include <catch2/catch.hpp>

#include "engine_config_support.h"

using portier::engine::test::Lines;
using portier::engine::test::printed;

TEST_CASE("a pilot number that is not E.164 with a plus is refused") {
   CHECK(printed("ddi:\n  - pilot_number: '08970071200'\n") ==
         Lines{"portier.yaml:2:19: 'pilot_number' must be an E.164 number: '+' and 2 to 15 digits, "
               "not starting with 0, got '08970071200'"});
   CHECK(printed("ddi:\n  - pilot_number: '+49 89 700'\n") ==
         Lines{"portier.yaml:2:19: 'pilot_number' must be an E.164 number: '+' and 2 to 15 digits, "
               "not starting with 0, got '+49 89 700'"});
   CHECK(printed("ddi:\n  - pilot_number: '+4989700710012345'\n") ==
         Lines{"portier.yaml:2:19: 'pilot_number' must be an E.164 number: '+' and 2 to 15 digits, "
               "not starting with 0, got '+4989700710012345'"});
}

TEST_CASE("a pilot number used twice is refused at the second entry") {
   CHECK(printed("ddi:\n  - pilot_number: '+4989700'\n  - pilot_number: '+4989700'\n") ==
         Lines{"portier.yaml:3:19: pilot number '+4989700' is already used at line 2"});
}

TEST_CASE("a DDI entry without a pilot number is refused") {
   CHECK(printed("ddi:\n  - company: X\n") == Lines{"portier.yaml:2:5: DDI entry needs 'pilot_number'"});
}

TEST_CASE("a DDI entry's tenant must exist") {
   CHECK(printed("ddi:\n  - pilot_number: '+4989700'\n    tenant: DEFAULTS\n") ==
         Lines{"portier.yaml:3:13: tenant 'DEFAULTS' is not defined in 'tenants' (did you mean 'DEFAULT'?)"});
}

TEST_CASE("a DDI entry's night and time-overflow variants must exist") {
   CHECK(printed("ddi:\n  - pilot_number: '+4989700'\n    night_variant: closed\n"
                 "    time_overflow_variant: full\n") ==
         Lines{"portier.yaml:3:20: variant 'closed' is not defined in 'variants'",
               "portier.yaml:4:28: variant 'full' is not defined in 'variants'"});
}

TEST_CASE("a purpose outside the DDI purposes is refused") {
   CHECK(printed("ddi:\n  - pilot_number: '+4989700'\n    purpose: personal\n") ==
         Lines{"portier.yaml:3:14: 'purpose' must be one of main, internal, intercept, forwarding_busy, "
               "forwarding_no_reply, invalid_destination, got 'personal'"});
}

TEST_CASE("an additional number that is not E.164 is refused at that number") {
   CHECK(printed("ddi:\n  - pilot_number: '+4989700'\n    additional_numbers: ['+4989701', '5520']\n") ==
         Lines{"portier.yaml:3:38: 'additional_numbers' must be an E.164 number: '+' and 2 to 15 "
               "digits, not starting with 0, got '5520'"});
}

TEST_CASE("overload forwarding needs a destination and busy takes none") {
   CHECK(printed("ddi:\n  - pilot_number: '+4989700'\n    overload: forwarding\n") ==
         Lines{"portier.yaml:3:15: 'overload: forwarding' needs 'overload_destination'"});
   CHECK(printed("ddi:\n  - pilot_number: '+4989700'\n    overload_destination: '+4989799'\n") ==
         Lines{"portier.yaml:3:5: 'overload_destination' applies only to 'overload: forwarding'"});
   CHECK(printed("ddi:\n  - pilot_number: '+4989700'\n    overload: reject\n") ==
         Lines{"portier.yaml:3:15: 'overload' must be one of busy, forwarding, got 'reject'"});
}

TEST_CASE("a DDI entry's time override is range-checked like the tenant's") {
   CHECK(printed("ddi:\n  - pilot_number: '+4989700'\n    default_ring_time_ms: -1\n") ==
         Lines{"portier.yaml:3:27: 'default_ring_time_ms' must be between 0 and 86400000, got -1"});
}

TEST_CASE("a misspelled DDI key is reported with a did-you-mean") {
   CHECK(printed("ddi:\n  - pilot_number: '+4989700'\n    night_varaint: x\n") ==
         Lines{"portier.yaml:3:5: unknown key 'night_varaint' (did you mean 'night_variant'?)"});
}
