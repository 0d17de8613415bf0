// SPDX-License-Identifier: GPL-3.0-or-later
#include <catch2/catch.hpp>

#include <portier/json.hpp>

#include "schedule.h"

using namespace portier::csv;

namespace {
Schedule schedule_of(std::string_view json) {
   auto v = portier::json::parse(json);
   REQUIRE(v.ok());
   auto s = parse_schedule(v.value());
   INFO(s.message());
   REQUIRE(s.ok());
   return s.value();
}
std::string schedule_failure(std::string_view json) {
   auto v = portier::json::parse(json);
   REQUIRE(v.ok());
   auto s = parse_schedule(v.value());
   REQUIRE(!s.ok());
   return s.message();
}
}  // namespace

TEST_CASE("durations combine units") {
   CHECK(parse_duration_seconds("15m").value() == 900);
   CHECK(parse_duration_seconds("1h30m").value() == 5400);
   CHECK(parse_duration_seconds("1d").value() == 86400);
   CHECK(!parse_duration_seconds("15").ok());
   CHECK(!parse_duration_seconds("m").ok());
   CHECK(!parse_duration_seconds("5w").ok());
}

TEST_CASE("a schedule is every, daily or manual") {
   CHECK(describe(schedule_of(R"({"every":"15m"})")) == "every 15m");
   CHECK(describe(schedule_of(R"({"daily":"02:30"})")) == "daily at 02:30");
   CHECK(schedule_of(R"({"daily":"02:30"})").minute_of_day == 150);
   CHECK(describe(schedule_of(R"("manual")")) == "manual");
}

TEST_CASE("a bad schedule says what was expected") {
   CHECK(schedule_failure(R"({"every":"10s"})") == "every: 10s is out of range 1m..7d");
   CHECK(schedule_failure(R"({"daily":"24:00"})") == "daily: '24:00' is not a time of day HH:MM (00:00..23:59)");
   CHECK(schedule_failure(R"({"weekly":"mon"})") == "unknown key 'weekly' (expected: every, daily)");
   CHECK(schedule_failure(R"({"every":"1h","daily":"02:00"})").find("an object with 2 keys") != std::string::npos);
}
