// SPDX-License-Identifier: GPL-3.0-or-later
// When a service is open: a weekly schedule plus dated exceptions such as holidays.
#pragma once

#include <array>
#include <string>
#include <vector>

namespace portier::engine {

// Minutes since local midnight, 0..1440; `to` is exclusive, so 24:00 ends a day.
struct OpenInterval {
   int from_minute = 0;
   int to_minute = 0;
   bool operator==(const OpenInterval &) const = default;
};

struct CalendarDate {
   int year = 0;
   int month = 0;  // 1..12
   int day = 0;    // 1..31, checked against the month
   bool operator==(const CalendarDate &) const = default;
};

// A day that does not follow the weekly schedule: closed (no intervals) or open at other times.
struct OpeningException {
   CalendarDate date;
   std::string name;                    // e.g. "Christmas"; for people, not for logic
   std::vector<OpenInterval> open;      // empty: closed all day
};

inline constexpr int kDaysPerWeek = 7;

struct OpeningHours {
   // Monday first (index 0) through Sunday (index 6); a day without intervals is closed.
   std::array<std::vector<OpenInterval>, kDaysPerWeek> weekly;
   std::vector<OpeningException> exceptions;  // sorted by date, one per date
};

}  // namespace portier::engine
