// SPDX-License-Identifier: GPL-3.0-or-later
#include <catch2/catch.hpp>

#include "engine/runtime/opening.h"

using namespace portier::engine;

namespace {

OpeningHours nine_to_five_with_holiday() {
   OpeningHours hours;
   for (int day = 0; day < 5; ++day) hours.weekly[static_cast<std::size_t>(day)] = {{9 * 60, 17 * 60}};
   hours.exceptions.push_back({{2024, 12, 25}, "Christmas", {}});
   hours.exceptions.push_back({{2024, 12, 24}, "Christmas Eve", {{9 * 60, 12 * 60}}});
   return hours;
}

LocalTime at(CalendarDate date, int weekday, int hour, int minute = 0) { return {date, weekday, hour * 60 + minute}; }

}  // namespace

TEST_CASE("a service is open inside its weekly interval and closed outside", "[engine][opening]") {
   const OpeningHours hours = nine_to_five_with_holiday();
   CHECK(is_open(hours, at({2024, 1, 1}, 0, 9)));
   CHECK(is_open(hours, at({2024, 1, 1}, 0, 16, 59)));
   CHECK_FALSE(is_open(hours, at({2024, 1, 1}, 0, 17)));  // the end is exclusive
   CHECK_FALSE(is_open(hours, at({2024, 1, 1}, 0, 8, 59)));
   CHECK_FALSE(is_open(hours, at({2024, 1, 6}, 5, 12)));  // Saturday has no intervals
}

TEST_CASE("a dated exception closes a normal weekday", "[engine][opening]") {
   CHECK_FALSE(is_open(nine_to_five_with_holiday(), at({2024, 12, 25}, 2, 10)));
}

TEST_CASE("a dated exception with its own hours replaces the weekly schedule that day", "[engine][opening]") {
   const OpeningHours hours = nine_to_five_with_holiday();
   CHECK(is_open(hours, at({2024, 12, 24}, 1, 11)));
   CHECK_FALSE(is_open(hours, at({2024, 12, 24}, 1, 13)));
}

TEST_CASE("a service without opening hours is always open", "[engine][opening]") {
   CHECK(is_open(std::optional<OpeningHours>{}, at({2024, 1, 7}, 6, 3)));
   CHECK_FALSE(is_open(std::optional<OpeningHours>{nine_to_five_with_holiday()}, at({2024, 1, 7}, 6, 3)));
}
