// SPDX-License-Identifier: GPL-3.0-or-later
// When a source is imported (the manual's Contact Data Provider sync job schedule). The plugin
// only parses and shows it; the core runs the imports.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include <portier/json.hpp>
#include <portier/result.hpp>

namespace portier::csv {

inline constexpr std::int64_t kMinEverySeconds = 60;
inline constexpr std::int64_t kMaxEverySeconds = 7 * 24 * 3600;

struct Schedule {
   enum class Kind { manual, every, daily };
   Kind kind = Kind::manual;
   std::int64_t every_seconds = 0;  // Kind::every
   int minute_of_day = 0;           // Kind::daily: 0..1439, local time of the core
};

// "15m", "1h30m", "90s", "1d": one or more <number><unit> with units s, m, h, d.
Result<std::int64_t> parse_duration_seconds(std::string_view text);

// "02:30" -> 150.
Result<int> parse_time_of_day(std::string_view text);

// The `schedule` setting: "manual", {"every": "15m"} or {"daily": "02:30"}. Messages name the
// key below `schedule` and leave the prefix to the caller.
Result<Schedule> parse_schedule(const json::Value &value);

// "manual", "every 15m", "daily at 02:30"
std::string describe(const Schedule &schedule);

}  // namespace portier::csv
