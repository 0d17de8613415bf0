// SPDX-License-Identifier: GPL-3.0-or-later
#include "settings_numbers.h"

#include <string>
#include <vector>

#include "settings.h"

namespace portier::trunk {
namespace {

constexpr std::size_t kMaxReported = 4;  // bad entries per list: the message must fit a portier_error

std::string quoted_hint(const json::Value &v) {
   return v.kind == json::Kind::number ? " (quote numbers in YAML: \"+4989...\")" : "";
}

// One range written as a string; records a problem under `name` and returns false when bad.
bool read_range(const json::Value &v, const std::string &name, Problems &problems, NumberRange &out) {
   if (v.kind != json::Kind::string) {
      problems.add(name + ": expected a number or range as a string, got " + json::describe(v.kind) + quoted_hint(v));
      return false;
   }
   auto range = parse_number_range(v.text);
   if (!range.ok()) {
      problems.add(name + ": " + range.message());
      return false;
   }
   out = std::move(range).value();
   return true;
}

// The range `overload` key is gone: the overload rule has one place, the engine's DDI entry.
// An old configuration is told where it went instead of getting a plain "unknown key".
void refuse_overload(Settings &entry, const std::string &name, Problems &problems) {
   if (entry.get("overload") == nullptr) return;
   problems.add(name + ".overload: not a trunk.sip setting any more; the overload rule is configured once, on the "
                       "DDI entry of the pilot number (ddi: overload: busy | forwarding, overload_destination)");
}

// pilot_numbers / personal_lines: a list of "range" or {numbers: "range"}.
void read_list(Settings &s, Problems &problems, const char *key, NumberKind kind, std::vector<NumberEntry> &out) {
   const json::Value *list = s.get(key);
   if (list == nullptr) return;
   const std::string name = std::string("settings.") + key;
   if (list->kind == json::Kind::string) {  // a single range without a list is forgiven
      NumberEntry e{{}, kind, key};
      if (read_range(*list, name, problems, e.range)) out.push_back(std::move(e));
      return;
   }
   if (list->kind != json::Kind::array) {
      problems.add(name + ": expected a list of numbers or ranges, got " + json::describe(list->kind));
      return;
   }
   if (list->items.size() > kMaxNumberEntries) {
      problems.add(name + ": " + std::to_string(list->items.size()) + " entries, at most " +
                   std::to_string(kMaxNumberEntries) + " allowed");
      return;
   }
   std::size_t bad = 0;
   for (std::size_t i = 0; i < list->items.size(); ++i) {
      const json::Value &item = list->items[i];
      const std::string where = std::string(key) + "[" + std::to_string(i) + "]";
      Problems mine;
      NumberEntry e{{}, kind, where};
      bool good = false;
      if (item.kind == json::Kind::object) {
         if (auto entry = mine.object(item, "settings." + where)) {
            const json::Value *numbers = entry->get("numbers");
            if (numbers == nullptr) {
               mine.add("settings." + where + ".numbers: required (a number or range)");
            } else {
               good = read_range(*numbers, "settings." + where + ".numbers", mine, e.range);
            }
            refuse_overload(*entry, "settings." + where, mine);
            mine.collect(*entry, "settings." + where);
         }
      } else {
         good = read_range(item, "settings." + where, mine, e.range);
      }
      if (good && mine.empty()) {
         out.push_back(std::move(e));
      } else if (++bad <= kMaxReported) {
         for (const std::string &line : mine.lines()) problems.add(line);
      }
   }
   if (bad > kMaxReported) problems.add(name + ": " + std::to_string(bad - kMaxReported) + " more bad entries");
}

// loop_number, request_numbers, callback_numbers: one number or range each.
void read_single(Settings &s, Problems &problems, const char *key, NumberKind kind, std::uint64_t min_size,
                 std::vector<NumberEntry> &out) {
   const json::Value *v = s.get(key);
   if (v == nullptr) return;
   const std::string name = std::string("settings.") + key;
   NumberEntry e{{}, kind, key};
   if (!read_range(*v, name, problems, e.range)) return;
   if (kind == NumberKind::loop && e.range.size() != 1) {
      problems.add(name + ": one number, not a range");
      return;
   }
   if (e.range.size() < min_size) {
      problems.add(name + ": " + e.range.text() + " holds " + std::to_string(e.range.size()) + " numbers, at least " +
                   std::to_string(min_size) + " needed");
      return;
   }
   out.push_back(std::move(e));
}

}  // namespace

NumberPlan read_number_plan(Settings &s, Problems &problems, bool required) {
   std::vector<NumberEntry> entries;
   read_list(s, problems, "pilot_numbers", NumberKind::pilot, entries);
   read_list(s, problems, "personal_lines", NumberKind::personal_line, entries);
   read_single(s, problems, "loop_number", NumberKind::loop, 1, entries);
   read_single(s, problems, "request_numbers", NumberKind::request, kMinRequestNumbers, entries);
   read_single(s, problems, "callback_numbers", NumberKind::callback, kMinCallbackNumbers, entries);
   auto plan = NumberPlan::make(std::move(entries));
   if (!plan.ok()) {
      problems.add("settings." + plan.message());
      return {};
   }
   const json::Value *pilots = s.get("pilot_numbers");
   if (required && pilots == nullptr) {
      problems.add("settings.pilot_numbers: required in trunk mode (the service numbers the PBX routes to this trunk)");
   } else if (required && pilots->kind == json::Kind::array && pilots->items.empty()) {
      problems.add("settings.pilot_numbers: at least one number in trunk mode");
   }
   return std::move(plan).value();
}

}  // namespace portier::trunk
