// SPDX-License-Identifier: GPL-3.0-or-later
// `opening_hours` of a tenant or a DDI entry: a weekly schedule and dated exceptions.
#include <algorithm>
#include <array>
#include <map>
#include <tuple>

#include "kernel/config_engine.h"
#include "kernel/config_values.h"
#include "kernel/did_you_mean.h"

namespace portier::kernel {

namespace {

constexpr std::array<std::string_view, 2> kOpeningKeys = {"weekly", "exceptions"};
constexpr std::array<std::string_view, 3> kExceptionKeys = {"date", "name", "open"};
constexpr std::array<std::string_view, engine::kDaysPerWeek> kWeekdays = {"mon", "tue", "wed", "thu",
                                                                         "fri", "sat", "sun"};
constexpr int kMinutesPerDay = 24 * 60;
constexpr std::size_t kMaxIntervalsPerDay = 48;
constexpr std::size_t kMaxExceptions = 1000;

// "HH:MM" from 00:00 to 24:00, two digits each; the minutes of the day or nothing.
std::optional<int> parse_time(std::string_view text) {
   if (text.size() != 5 || text[2] != ':') return std::nullopt;
   const auto two = [&](std::size_t at) -> int {
      const char a = text[at];
      const char b = text[at + 1];
      if (a < '0' || a > '9' || b < '0' || b > '9') return -1;
      return (a - '0') * 10 + (b - '0');
   };
   const int hours = two(0);
   const int minutes = two(3);
   if (hours < 0 || minutes < 0 || minutes > 59 || hours > 24) return std::nullopt;
   const int total = hours * 60 + minutes;
   if (total > kMinutesPerDay) return std::nullopt;
   return total;
}

std::optional<engine::OpenInterval> read_interval(const YAML::Node &node, Findings &findings) {
   if (!node.IsScalar()) {
      findings.add(node.Mark(), "an opening time must be 'HH:MM-HH:MM', got " + describe(node));
      return std::nullopt;
   }
   const std::string &text = node.Scalar();
   const std::size_t dash = text.find('-');
   if (dash == std::string::npos || text.size() > 11) {
      findings.add(node.Mark(), "an opening time must be 'HH:MM-HH:MM', got '" + printable(text) + "'");
      return std::nullopt;
   }
   const std::string_view view(text);
   const std::string_view from_text = view.substr(0, dash);
   const std::string_view to_text = view.substr(dash + 1);
   const auto from = parse_time(from_text);
   const auto to = parse_time(to_text);
   if (!from || !to) {
      const std::string_view bad = from ? to_text : from_text;
      findings.add(node.Mark(), "'" + printable(bad) + "' in '" + printable(text) +
                                    "' is not a time of day (HH:MM from 00:00 to 24:00)");
      return std::nullopt;
   }
   if (*from >= *to) {
      findings.add(node.Mark(), "opening time '" + printable(text) + "' must end after it starts");
      return std::nullopt;
   }
   return engine::OpenInterval{*from, *to};
}

// A list of intervals; sorted, and refused when two overlap.
std::optional<std::vector<engine::OpenInterval>> read_intervals(const YamlEntry &entry, Findings &findings) {
   std::vector<engine::OpenInterval> out;
   if (!expect_list(entry, findings)) return std::nullopt;
   if (entry.value.IsNull()) return out;
   if (entry.value.size() > kMaxIntervalsPerDay) {
      findings.add(entry.value.Mark(), "'" + entry.key + "' holds more than " +
                                           std::to_string(kMaxIntervalsPerDay) + " opening times");
      return std::nullopt;
   }
   std::vector<std::pair<engine::OpenInterval, YAML::Mark>> read;
   bool ok = true;
   for (const YAML::Node &item : entry.value) {
      if (const auto interval = read_interval(item, findings)) {
         read.emplace_back(*interval, item.Mark());
      } else {
         ok = false;
      }
   }
   std::stable_sort(read.begin(), read.end(), [](const auto &a, const auto &b) {
      return a.first.from_minute < b.first.from_minute;
   });
   for (std::size_t i = 1; i < read.size(); ++i) {
      if (read[i].first.from_minute < read[i - 1].first.to_minute) {
         const YAML::Mark &later = read[i].second.line > read[i - 1].second.line ||
                                           (read[i].second.line == read[i - 1].second.line &&
                                            read[i].second.column > read[i - 1].second.column)
                                       ? read[i].second
                                       : read[i - 1].second;
         findings.add(later, "opening times of '" + entry.key + "' overlap");
         ok = false;
      }
   }
   if (!ok) return std::nullopt;
   for (const auto &[interval, mark] : read) out.push_back(interval);
   return out;
}

bool is_leap(int year) { return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0; }

// "YYYY-MM-DD", a real calendar day.
std::optional<engine::CalendarDate> parse_date(std::string_view text) {
   if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
   int parts[3] = {0, 0, 0};
   const std::size_t starts[3] = {0, 5, 8};
   const std::size_t lengths[3] = {4, 2, 2};
   for (int p = 0; p < 3; ++p) {
      for (std::size_t i = 0; i < lengths[p]; ++i) {
         const char c = text[starts[p] + i];
         if (c < '0' || c > '9') return std::nullopt;
         parts[p] = parts[p] * 10 + (c - '0');
      }
   }
   const int year = parts[0];
   const int month = parts[1];
   const int day = parts[2];
   constexpr int kDays[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
   if (year < 1970 || month < 1 || month > 12 || day < 1) return std::nullopt;
   const int last = kDays[month - 1] + (month == 2 && is_leap(year) ? 1 : 0);
   if (day > last) return std::nullopt;
   return engine::CalendarDate{year, month, day};
}

void read_weekly(const YamlEntry &entry, engine::OpeningHours &hours, bool &ok, Findings &findings) {
   if (!expect_mapping(entry, findings)) {
      ok = false;
      return;
   }
   if (!entry.value.IsMap()) return;
   for (const YamlEntry &day : read_any_mapping(entry.value, findings)) {
      const auto it = std::find(kWeekdays.begin(), kWeekdays.end(), day.key);
      if (it == kWeekdays.end()) {
         std::string message = "unknown weekday '" + printable(day.key) + "'";
         if (const auto close = closest_word(day.key, kWeekdays)) {
            message += " (did you mean '" + std::string(*close) + "'?)";
         } else {
            message += " (expected one of: mon, tue, wed, thu, fri, sat, sun)";
         }
         findings.add(day.key_node.Mark(), std::move(message));
         ok = false;
         continue;
      }
      auto intervals = read_intervals(day, findings);
      if (!intervals) {
         ok = false;
         continue;
      }
      hours.weekly[static_cast<std::size_t>(it - kWeekdays.begin())] = std::move(*intervals);
   }
}

void read_exceptions(const YamlEntry &entry, engine::OpeningHours &hours, bool &ok, Findings &findings) {
   const std::size_t before = findings.errors.size();
   const std::vector<YAML::Node> items = list_of_mappings(entry, findings);
   if (items.size() > kMaxExceptions) {
      findings.add(entry.value.Mark(), "'exceptions' holds more than " + std::to_string(kMaxExceptions) +
                                           " days");
      ok = false;
      return;
   }
   std::map<std::tuple<int, int, int>, int> first_line;
   for (const YAML::Node &item : items) {
      engine::OpeningException exception;
      bool has_date = false;
      bool item_ok = true;
      for (const YamlEntry &field : read_mapping(item, kExceptionKeys, findings)) {
         if (field.key == "date") {
            has_date = true;
            const auto text = read_string(field, findings);
            if (!text) {
               item_ok = false;
               continue;
            }
            const auto date = parse_date(*text);
            if (!date) {
               findings.add(field.value.Mark(), "'date' must be a calendar day as YYYY-MM-DD, got '" +
                                                    printable(*text) + "'");
               item_ok = false;
               continue;
            }
            const int line = findings.at(field.value.Mark()).line;
            const auto [seen, inserted] =
                first_line.try_emplace(std::tuple{date->year, date->month, date->day}, line);
            if (!inserted) {
               findings.add(field.value.Mark(), "date " + *text + " is already listed at line " +
                                                    std::to_string(seen->second));
               item_ok = false;
               continue;
            }
            exception.date = *date;
         } else if (field.key == "name") {
            if (const auto name = read_string(field, findings)) exception.name = *name;
         } else if (field.key == "open") {
            if (auto intervals = read_intervals(field, findings)) {
               exception.open = std::move(*intervals);
            } else {
               item_ok = false;
            }
         }
      }
      if (!has_date) {
         findings.add(item.Mark(), "an exception needs 'date'");
         item_ok = false;
      }
      if (item_ok) hours.exceptions.push_back(std::move(exception));
   }
   if (findings.errors.size() != before) ok = false;
   std::sort(hours.exceptions.begin(), hours.exceptions.end(), [](const auto &a, const auto &b) {
      return std::tie(a.date.year, a.date.month, a.date.day) < std::tie(b.date.year, b.date.month, b.date.day);
   });
}

}  // namespace

std::optional<engine::OpeningHours> read_opening_hours(const YamlEntry &entry, Findings &findings) {
   if (!expect_mapping(entry, findings)) return std::nullopt;
   engine::OpeningHours hours;
   if (entry.value.IsNull()) return hours;
   bool ok = true;
   const std::size_t before = findings.errors.size();
   for (const YamlEntry &part : read_mapping(entry.value, kOpeningKeys, findings)) {
      if (part.key == "weekly") {
         read_weekly(part, hours, ok, findings);
      } else if (part.key == "exceptions") {
         read_exceptions(part, hours, ok, findings);
      }
   }
   if (!ok || findings.errors.size() != before) return std::nullopt;
   return hours;
}

}  // namespace portier::kernel
