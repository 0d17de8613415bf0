// SPDX-License-Identifier: GPL-3.0-or-later
// The client command "statistics" and the UTC times it reads.
#include <catch2/catch.hpp>

#include "engine/api/client_api.h"
#include "engine/stats/stats_command.h"
#include "engine/stats/utc_iso.h"
#include "stats_fixture.h"

using namespace portier::engine;
using namespace portier::engine::test;
using nlohmann::json;

TEST_CASE("UTC times are read only in the exact form 2024-01-01T09:00:00Z", "[engine-stats]") {
   CHECK(parse_utc_iso("2024-01-01T09:00:00Z") == kUtcAtZero);
   CHECK(parse_utc_iso("1970-01-01T00:00:01Z") == 1000);
   CHECK(parse_utc_iso("2024-02-29T23:59:59Z").has_value());
   CHECK_FALSE(parse_utc_iso("2023-02-29T00:00:00Z"));
   CHECK_FALSE(parse_utc_iso("2024-01-01 09:00:00Z"));
   CHECK_FALSE(parse_utc_iso("2024-01-01T09:00:00"));
   CHECK_FALSE(parse_utc_iso("2024-01-01T24:00:00Z"));
   CHECK_FALSE(parse_utc_iso("2024-01-01T09:00:00+01:00"));
   CHECK_FALSE(parse_utc_iso("+024-01-01T09:00:00Z"));
   CHECK_FALSE(parse_utc_iso(""));
   CHECK(format_utc_iso(kUtcAtZero + 15 * kMinuteMs + 999) == "2024-01-01T09:15:00Z");
}

TEST_CASE("the statistics command answers the figures per DDI entry and attendant of the interval",
          "[engine-stats]") {
   StatsFixture f;
   f.start_counting();
   REQUIRE(f.log_on("anna", "+4930501", {kMain}) == Outcome::ok);
   f.queued_call("c1");
   f.engine->on_answered(f.leg_of("c1"));
   f.queued_call("c2");
   f.clock.advance(2000);
   f.hang_up("c2");

   const json answer = statistics_answer(
       f.stats, nullptr, json{{"type", "statistics"}, {"from", "2024-01-01T09:00:00Z"}, {"to", "2024-01-01T10:00:00Z"}},
       kUtcAtZero + f.clock.now_ms());
   INFO(answer.dump());
   REQUIRE(answer["ok"] == true);
   const json &s = answer["statistics"];
   CHECK(s["from"] == "2024-01-01T09:00:00Z");
   CHECK(s["to"] == "2024-01-01T10:00:00Z");
   CHECK(s["bucket_minutes"] == 15);
   REQUIRE(s["ddi"].size() == 1);
   CHECK(s["ddi"][0]["number"] == kMain);
   CHECK(s["ddi"][0]["offered"] == 2);
   CHECK(s["ddi"][0]["answered"] == 1);
   CHECK(s["ddi"][0]["abandoned"] == 1);
   CHECK(s["ddi"][0]["waiting"]["average_ms"] == 3000);
   CHECK(s["ddi"][0]["abandoned_waiting"]["p90_ms"] == 5000);
   REQUIRE(s["attendants"].size() == 1);
   CHECK(s["attendants"][0]["attendant"] == "anna");
   CHECK(s["attendants"][0]["answered"] == 1);
   CHECK(s["personal_lines"].empty());
}

TEST_CASE("the statistics command counts up to now when it names no end", "[engine-stats]") {
   StatsFixture f;
   f.start_counting();
   f.queued_call("c1");
   const json answer = statistics_answer(f.stats, nullptr, json{{"type", "statistics"}, {"from", "2024-01-01T09:00:00Z"}},
                                         kUtcAtZero + 20 * kMinuteMs);
   REQUIRE(answer["ok"] == true);
   CHECK(answer["statistics"]["to"] == "2024-01-01T09:30:00Z");
   CHECK(answer["statistics"]["ddi"][0]["offered"] == 1);
}

TEST_CASE("a statistics command with a missing or malformed time or a reversed or too long interval is invalid",
          "[engine-stats]") {
   const Statistics stats;
   const auto error_of = [&](const json &request) {
      const json answer = statistics_answer(stats, nullptr, request, kUtcAtZero);
      CHECK(answer["ok"] == false);
      return answer.value("error", std::string()) + ": " + answer.value("message", std::string());
   };
   CHECK(error_of(json{{"type", "statistics"}}) == "invalid: statistics: 'from' is required");
   CHECK(error_of(json{{"type", "statistics"}, {"from", "yesterday"}}).find("'from' must be a UTC time") !=
         std::string::npos);
   CHECK(error_of(json{{"type", "statistics"}, {"from", "2024-01-01T09:00:00Z"}, {"to", 5}}).find("'to' must be") !=
         std::string::npos);
   CHECK(error_of(json{{"type", "statistics"}, {"from", "2024-01-01T09:00:00Z"}, {"to", "2024-01-01T09:00:00Z"}}) ==
         "invalid: statistics: 'to' must be later than 'from'");
   CHECK(error_of(json{{"type", "statistics"}, {"from", "2022-01-01T09:00:00Z"}, {"to", "2024-01-01T09:00:00Z"}})
             .find("400 days") != std::string::npos);
}

TEST_CASE("the client API hands the statistics command to the statistics handler and refuses it without one",
          "[engine-stats]") {
   StatsFixture f;
   f.start_counting();
   f.queued_call("c1");
   const json request{{"type", "statistics"}, {"from", "2024-01-01T09:00:00Z"}};
   const json refused = handle_client_command(*f.engine, request, f.clock.now_ms());
   CHECK(refused["ok"] == false);
   CHECK(refused["error"] == "unavailable");
   const json answered = handle_client_command(*f.engine, request, f.clock.now_ms(), [&](const json &r) {
      return statistics_answer(f.stats, nullptr, r, kUtcAtZero + f.clock.now_ms());
   });
   REQUIRE(answered["ok"] == true);
   CHECK(answered["statistics"]["ddi"][0]["offered"] == 1);
}
