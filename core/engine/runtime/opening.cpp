// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/runtime/opening.h"

#include <vector>

namespace portier::engine {

namespace {

bool inside(const std::vector<OpenInterval> &intervals, int minute) {
   for (const OpenInterval &open : intervals) {
      if (minute >= open.from_minute && minute < open.to_minute) return true;
   }
   return false;
}

}  // namespace

bool is_open(const OpeningHours &hours, const LocalTime &at) {
   for (const OpeningException &exception : hours.exceptions) {
      if (exception.date == at.date) return inside(exception.open, at.minute);
   }
   if (at.weekday < 0 || at.weekday >= kDaysPerWeek) return false;
   return inside(hours.weekly[static_cast<std::size_t>(at.weekday)], at.minute);
}

bool is_open(const std::optional<OpeningHours> &hours, const LocalTime &at) {
   return !hours || is_open(*hours, at);
}

}  // namespace portier::engine
