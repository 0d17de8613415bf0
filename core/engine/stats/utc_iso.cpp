// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/stats/utc_iso.h"

#include <chrono>
#include <cstdio>

namespace portier::engine {
namespace {

// Digits only, so "+1" or " 1" never pass as numbers.
bool digits(std::string_view text, std::size_t at, std::size_t count, int &value) {
   value = 0;
   for (std::size_t i = at; i < at + count; ++i) {
      if (text[i] < '0' || text[i] > '9') return false;
      value = value * 10 + (text[i] - '0');
   }
   return true;
}

}  // namespace

std::optional<std::int64_t> parse_utc_iso(std::string_view text) {
   if (text.size() != 20 || text[4] != '-' || text[7] != '-' || text[10] != 'T' || text[13] != ':' ||
       text[16] != ':' || text[19] != 'Z') {
      return std::nullopt;
   }
   int year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0;
   if (!digits(text, 0, 4, year) || !digits(text, 5, 2, month) || !digits(text, 8, 2, day) ||
       !digits(text, 11, 2, hour) || !digits(text, 14, 2, minute) || !digits(text, 17, 2, second)) {
      return std::nullopt;
   }
   const std::chrono::year_month_day date{std::chrono::year{year}, std::chrono::month{static_cast<unsigned>(month)},
                                          std::chrono::day{static_cast<unsigned>(day)}};
   if (year < 1970 || !date.ok() || hour > 23 || minute > 59 || second > 59) return std::nullopt;
   const auto days = std::chrono::sys_days{date}.time_since_epoch().count();
   return ((static_cast<std::int64_t>(days) * 24 + hour) * 60 + minute) * 60000 + second * 1000;
}

std::string format_utc_iso(std::int64_t utc_ms) {
   const std::chrono::sys_time<std::chrono::milliseconds> at{std::chrono::milliseconds{utc_ms}};
   const auto day = std::chrono::floor<std::chrono::days>(at);
   const std::chrono::year_month_day date{day};
   const std::chrono::hh_mm_ss time{std::chrono::floor<std::chrono::seconds>(at - day)};
   char text[32];
   std::snprintf(text, sizeof text, "%04d-%02u-%02uT%02d:%02d:%02dZ", static_cast<int>(date.year()),
                 static_cast<unsigned>(date.month()), static_cast<unsigned>(date.day()),
                 static_cast<int>(time.hours().count()), static_cast<int>(time.minutes().count()),
                 static_cast<int>(time.seconds().count()));
   return text;
}

}  // namespace portier::engine
