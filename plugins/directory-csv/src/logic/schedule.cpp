// SPDX-License-Identifier: GPL-3.0-or-later
#include "schedule.h"


namespace portier::csv {
namespace {

constexpr std::size_t kMaxDurationText = 32;

std::string format_duration(std::int64_t seconds) {
   std::string out;
   const std::int64_t parts[] = {seconds / 86400, seconds % 86400 / 3600, seconds % 3600 / 60, seconds % 60};
   const char units[] = {'d', 'h', 'm', 's'};
   for (int i = 0; i < 4; ++i) {
      if (parts[i] != 0) out += std::to_string(parts[i]) + units[i];
   }
   return out.empty() ? "0s" : out;
}

}  // namespace

Result<std::int64_t> parse_duration_seconds(std::string_view text) {
   const auto bad = [&] {
      return portier::error(PORTIER_ERR_CONFIG,
                            "'" + std::string(text.substr(0, kMaxDurationText)) +
                                "' is not a duration such as 15m, 1h30m or 1d");
   };
   if (text.empty() || text.size() > kMaxDurationText) return bad();
   std::int64_t total = 0;
   std::size_t i = 0;
   while (i < text.size()) {
      std::int64_t number = 0;
      std::size_t digits = 0;
      while (i < text.size() && text[i] >= '0' && text[i] <= '9') {
         if (++digits > 7) return bad();
         number = number * 10 + (text[i] - '0');
         ++i;
      }
      if (digits == 0 || i >= text.size()) return bad();
      switch (text[i]) {
      case 's': total += number; break;
      case 'm': total += number * 60; break;
      case 'h': total += number * 3600; break;
      case 'd': total += number * 86400; break;
      default: return bad();
      }
      ++i;
   }
   return total;
}

Result<int> parse_time_of_day(std::string_view text) {
   const auto digit = [&](std::size_t i) { return text[i] >= '0' && text[i] <= '9'; };
   if (text.size() == 5 && digit(0) && digit(1) && text[2] == ':' && digit(3) && digit(4)) {
      const int hours = (text[0] - '0') * 10 + (text[1] - '0');
      const int minutes = (text[3] - '0') * 10 + (text[4] - '0');
      if (hours < 24 && minutes < 60) return hours * 60 + minutes;
   }
   return portier::error(PORTIER_ERR_CONFIG,
                         "'" + std::string(text.substr(0, kMaxDurationText)) + "' is not a time of day HH:MM (00:00..23:59)");
}

Result<Schedule> parse_schedule(const json::Value &value) {
   Schedule out;
   if (value.kind == json::Kind::string && value.text == "manual") return out;
   if (value.kind != json::Kind::object || value.keys.size() != 1) {
      return portier::error(PORTIER_ERR_CONFIG,
                            "expected \"manual\", {every: 15m} or {daily: \"02:30\"}, got " +
                                std::string(value.kind == json::Kind::object ? "an object with " +
                                                                                   std::to_string(value.keys.size()) + " keys"
                                                                             : json::describe(value.kind)));
   }
   const std::string &key = value.keys[0];
   const json::Value &item = value.items[0];
   if (key != "every" && key != "daily") {
      return portier::error(PORTIER_ERR_CONFIG, "unknown key '" + key + "' (expected: every, daily)");
   }
   if (item.kind != json::Kind::string) {
      return portier::error(PORTIER_ERR_CONFIG, key + ": expected a string, got " + json::describe(item.kind));
   }
   if (key == "every") {
      auto seconds = parse_duration_seconds(item.text);
      if (!seconds.ok()) return portier::error(PORTIER_ERR_CONFIG, "every: " + seconds.message());
      if (seconds.value() < kMinEverySeconds || seconds.value() > kMaxEverySeconds) {
         return portier::error(PORTIER_ERR_CONFIG, "every: " + item.text + " is out of range 1m..7d");
      }
      out.kind = Schedule::Kind::every;
      out.every_seconds = seconds.value();
      return out;
   }
   auto minute = parse_time_of_day(item.text);
   if (!minute.ok()) return portier::error(PORTIER_ERR_CONFIG, "daily: " + minute.message());
   out.kind = Schedule::Kind::daily;
   out.minute_of_day = minute.value();
   return out;
}

std::string describe(const Schedule &schedule) {
   switch (schedule.kind) {
   case Schedule::Kind::every: return "every " + format_duration(schedule.every_seconds);
   case Schedule::Kind::daily: {
      const int h = schedule.minute_of_day / 60 % 24;
      const int m = schedule.minute_of_day % 60;
      const char text[] = {static_cast<char>('0' + h / 10), static_cast<char>('0' + h % 10), ':',
                           static_cast<char>('0' + m / 10), static_cast<char>('0' + m % 10), '\0'};
      return std::string("daily at ") + text;
   }
   case Schedule::Kind::manual: break;
   }
   return "manual";
}

}  // namespace portier::csv
