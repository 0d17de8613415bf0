// SPDX-License-Identifier: GPL-3.0-or-later
// `number_ranges`: request and callback numbers per tenant, sized and never overlapping.
#include <catch2/catch.hpp>

#include "engine_config_support.h"

using namespace portier::engine;
using portier::engine::test::Lines;
using portier::engine::test::load;
using portier::engine::test::printed;

namespace {
// Tenant A: 4 attendants (request numbers >= 12), 5 parked (callback numbers >= 8).
std::string with_ranges(std::string_view ranges) {
   return "tenants:\n  - { name: A, attendants: 4, max_parked: 5 }\nnumber_ranges:\n" + std::string(ranges);
}
}  // namespace

TEST_CASE("ranges exactly as large as the sizing rules need are accepted") {
   const auto result = load(with_ranges("  - tenant: A\n    request_numbers: '+4989700140..51'\n"
                                        "    callback_numbers: '+4989700160..+4989700167'\n"));
   REQUIRE(result.errors.empty());
   const CpsNumberRanges &ranges = result.config->engine.number_ranges.at(0);
   CHECK(ranges.tenant == "A");
   CHECK(ranges.request_numbers.size() == 12);
   CHECK(ranges.callback_numbers == NumberRange{"+4989700160", "+4989700167"});
}

TEST_CASE("too few request numbers are refused with the size required") {
   CHECK(printed(with_ranges("  - tenant: A\n    request_numbers: '+4989700140..50'\n"
                             "    callback_numbers: '+4989700160..67'\n")) ==
         Lines{"portier.yaml:5:22: 'request_numbers' holds 11 numbers; at least 12 are needed "
               "(8 + 4 attendants of tenant 'A')"});
}

TEST_CASE("too few callback numbers are refused with the size required") {
   CHECK(printed(with_ranges("  - tenant: A\n    request_numbers: '+4989700140..51'\n"
                             "    callback_numbers: '+4989700160..66'\n")) ==
         Lines{"portier.yaml:6:23: 'callback_numbers' holds 7 numbers; at least 8 are needed "
               "(3 + 5 max parked of tenant 'A')"});
}

TEST_CASE("overlapping ranges are refused at the later one") {
   CHECK(printed(with_ranges("  - tenant: A\n    request_numbers: '+4989700140..59'\n"
                             "    callback_numbers: '+4989700155..69'\n")) ==
         Lines{"portier.yaml:6:23: this range overlaps the request numbers of tenant 'A' at line 5"});
   CHECK(printed(with_ranges("  - tenant: A\n    request_numbers: '+4989700140..59'\n"
                             "    callback_numbers: '+4989700160..69'\n"
                             "  - request_numbers: '+4989700100..19'\n"
                             "    callback_numbers: '+4989700169..79'\n")) ==
         Lines{"portier.yaml:8:23: this range overlaps the callback numbers of tenant 'A' at line 6"});
}

TEST_CASE("a malformed range is refused at its value") {
   CHECK(printed(with_ranges("  - tenant: A\n    request_numbers: '+4989700159..40'\n"
                             "    callback_numbers: '+4989700160..69'\n")) ==
         Lines{"portier.yaml:5:22: 'request_numbers' must be a number range such as "
               "'+498970071240..59' (the last number is below the first), got '+4989700159..40'"});
   CHECK(printed(with_ranges("  - tenant: A\n    request_numbers: '4989700140..59'\n"
                             "    callback_numbers: '+4989700160..69'\n")) ==
         Lines{"portier.yaml:5:22: 'request_numbers' must be a number range such as "
               "'+498970071240..59' ('4989700140' is not an E.164 number), got '4989700140..59'"});
}

TEST_CASE("number ranges of a missing tenant, or given twice, are refused") {
   CHECK(printed(with_ranges("  - tenant: Spa\n    request_numbers: '+4989700140..59'\n"
                             "    callback_numbers: '+4989700160..69'\n")) ==
         Lines{"portier.yaml:4:13: tenant 'Spa' is not defined in 'tenants'"});
   CHECK(printed(with_ranges("  - request_numbers: '+4989700140..59'\n    callback_numbers: '+4989700160..69'\n"
                             "  - request_numbers: '+4989700240..59'\n    callback_numbers: '+4989700260..69'\n")) ==
         Lines{"portier.yaml:6:5: number ranges of tenant 'DEFAULT' are already given at line 4"});
}

TEST_CASE("number ranges need both request and callback numbers") {
   CHECK(printed(with_ranges("  - tenant: A\n    request_numbers: '+4989700140..59'\n")) ==
         Lines{"portier.yaml:4:5: number ranges need 'callback_numbers'"});
}
