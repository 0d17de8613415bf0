// SPDX-License-Identifier: GPL-3.0-or-later
// `opening_hours`: weekly schedule and dated exceptions, on a tenant or a DDI entry.
#include <catch2/catch.hpp>

#include "engine_config_support.h"

using namespace portier::engine;
using portier::engine::test::Lines;
using portier::engine::test::load;
using portier::engine::test::printed;

namespace {
std::string tenant_hours(std::string_view hours) {
   return "tenants:\n  - name: A\n    opening_hours:\n" + std::string(hours);
}
}  // namespace

TEST_CASE("opening hours are read per weekday and sorted, with dated exceptions") {
   const auto result = load(tenant_hours("      weekly:\n        tue: ['13:00-17:00', '08:00-12:00']\n"
                                         "        sun: []\n"
                                         "      exceptions:\n"
                                         "        - { date: 2028-02-29, open: ['10:00-24:00'] }\n"
                                         "        - { date: 2027-01-01, name: New Year }\n"));
   REQUIRE(result.errors.empty());
   const OpeningHours &hours = *find_tenant(result.config->engine, "A")->opening_hours;
   CHECK(hours.weekly[1] == std::vector<OpenInterval>{{480, 720}, {780, 1020}});
   CHECK(hours.weekly[0].empty());
   CHECK(hours.weekly[6].empty());
   REQUIRE(hours.exceptions.size() == 2);
   CHECK(hours.exceptions[0].date == CalendarDate{2027, 1, 1});
   CHECK(hours.exceptions[0].name == "New Year");
   CHECK(hours.exceptions[0].open.empty());
   CHECK(hours.exceptions[1].open == std::vector<OpenInterval>{{600, 1440}});
}

TEST_CASE("a tenant without opening hours is always open") {
   const auto result = load("tenants:\n  - name: A\n");
   REQUIRE(result.config);
   CHECK_FALSE(find_tenant(result.config->engine, "A")->opening_hours.has_value());
}

TEST_CASE("an hour past 24:00 is refused at its value") {
   CHECK(printed(tenant_hours("      weekly:\n        mon: ['08:00-25:00']\n")) ==
         Lines{"portier.yaml:5:15: '25:00' in '08:00-25:00' is not a time of day (HH:MM from 00:00 to 24:00)"});
   CHECK(printed(tenant_hours("      weekly:\n        mon: ['8-17']\n")) ==
         Lines{"portier.yaml:5:15: '8' in '8-17' is not a time of day (HH:MM from 00:00 to 24:00)"});
}

TEST_CASE("an opening time that ends before it starts is refused") {
   CHECK(printed(tenant_hours("      weekly:\n        mon: ['17:00-08:00']\n")) ==
         Lines{"portier.yaml:5:15: opening time '17:00-08:00' must end after it starts"});
}

TEST_CASE("overlapping opening times of one day are refused at the later one") {
   CHECK(printed(tenant_hours("      weekly:\n        wed:\n          - '08:00-12:00'\n"
                              "          - '11:00-13:00'\n")) ==
         Lines{"portier.yaml:7:13: opening times of 'wed' overlap"});
}

TEST_CASE("an unknown weekday is reported with a did-you-mean") {
   CHECK(printed(tenant_hours("      weekly:\n        thr: ['08:00-12:00']\n")) ==
         Lines{"portier.yaml:5:9: unknown weekday 'thr' (did you mean 'thu'?)"});
   CHECK(printed(tenant_hours("      weekly:\n        monday: ['08:00-12:00']\n")) ==
         Lines{"portier.yaml:5:9: unknown weekday 'monday' (expected one of: mon, tue, wed, thu, fri, "
               "sat, sun)"});
}

TEST_CASE("an exception on a day that does not exist or listed twice is refused") {
   CHECK(printed(tenant_hours("      exceptions:\n        - date: 2027-02-29\n")) ==
         Lines{"portier.yaml:5:17: 'date' must be a calendar day as YYYY-MM-DD, got '2027-02-29'"});
   CHECK(printed(tenant_hours("      exceptions:\n        - date: 2027-12-25\n"
                              "        - date: 2027-12-25\n")) ==
         Lines{"portier.yaml:6:17: date 2027-12-25 is already listed at line 5"});
   CHECK(printed(tenant_hours("      exceptions:\n        - name: Christmas\n")) ==
         Lines{"portier.yaml:5:11: an exception needs 'date'"});
}

TEST_CASE("a DDI entry's own opening hours are checked the same way") {
   CHECK(printed("ddi:\n  - pilot_number: '+498970071200'\n    opening_hours:\n"
                 "      weekly: { sat: ['09:00-12:60'] }\n") ==
         Lines{"portier.yaml:4:23: '12:60' in '09:00-12:60' is not a time of day (HH:MM from 00:00 to 24:00)"});
}
