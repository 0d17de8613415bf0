// SPDX-License-Identifier: GPL-3.0-or-later
// The `number_ranges` section: each tenant's CPS request and callback numbers, sized by the
// manual's rules (8 + attendants, 3 + max parked) and never overlapping.
#include <array>
#include <map>

#include "kernel/config_engine.h"
#include "kernel/config_sections.h"
#include "kernel/config_values.h"

namespace portier::kernel {

namespace {

constexpr std::array<std::string_view, 3> kRangeKeys = {"tenant", "request_numbers", "callback_numbers"};
constexpr std::uint64_t kRequestBase = 8;
constexpr std::uint64_t kCallbackBase = 3;
constexpr std::size_t kMaxRangeTextLength = 40;

struct PlacedRange {
   engine::NumberRange range;
   std::string what;  // "request numbers of tenant 'X'"
   YAML::Mark mark;
};

bool overlaps(const engine::NumberRange &a, const engine::NumberRange &b) {
   // Numbers of different lengths are different numbers; equal lengths compare as text.
   if (a.first.size() != b.first.size()) return false;
   return !(a.last < b.first || b.last < a.first);
}

bool is_later(const YAML::Mark &a, const YAML::Mark &b) {
   return a.line != b.line ? a.line > b.line : a.column > b.column;
}

void check_size(const YamlEntry &entry, const engine::NumberRange &range, std::uint64_t needed,
                const std::string &rule, Findings &findings) {
   if (range.size() >= needed) return;
   findings.add(entry.value.Mark(), "'" + entry.key + "' holds " + std::to_string(range.size()) +
                                        " numbers; at least " + std::to_string(needed) +
                                        " are needed (" + rule + ")");
}

}  // namespace

std::optional<engine::NumberRange> read_number_range(const YamlEntry &entry, Findings &findings) {
   const auto text = read_string(entry, findings);
   if (!text) return std::nullopt;
   const auto refuse = [&](const std::string &why) {
      findings.add(entry.value.Mark(), "'" + entry.key + "' must be a number range such as "
                                                         "'+498970071240..59' (" + why + "), got '" +
                                           printable(*text) + "'");
      return std::nullopt;
   };
   if (text->size() > kMaxRangeTextLength) return refuse("too long");
   const std::size_t dots = text->find("..");
   engine::NumberRange range;
   range.first = text->substr(0, dots);
   if (!is_e164(range.first)) return refuse("'" + printable(range.first) + "' is not an E.164 number");
   if (dots == std::string::npos) {
      range.last = range.first;
      return range;
   }
   const std::string tail = text->substr(dots + 2);
   const std::size_t digits = range.first.size() - 1;
   if (!tail.empty() && tail.front() == '+') {
      range.last = tail;
      if (!is_e164(range.last) || range.last.size() != range.first.size())
         return refuse("the last number must have as many digits as the first");
   } else {
      if (tail.empty() || tail.size() > digits || tail.find_first_not_of("0123456789") != std::string::npos)
         return refuse("after '..' come the last digits of the last number");
      range.last = range.first.substr(0, range.first.size() - tail.size()) + tail;
   }
   if (range.last < range.first) return refuse("the last number is below the first");
   return range;
}

void read_number_ranges(const YamlEntry *section, engine::EngineData &data, EngineReading &reading,
                        Findings &findings) {
   if (!section) return;
   std::map<std::string, int, std::less<>> first_line;
   std::vector<PlacedRange> placed;
   for (const YAML::Node &item : list_of_mappings(*section, findings)) {
      engine::CpsNumberRanges ranges;
      ranges.tenant = engine::kDefaultTenant;
      const std::size_t before = findings.errors.size();
      const std::vector<YamlEntry> entries = read_mapping(item, kRangeKeys, findings);
      YAML::Mark tenant_mark = item.Mark();
      if (const YamlEntry *tenant = find_entry(entries, "tenant")) {
         const auto name = read_reference(*tenant, EngineRefKind::tenant, reading, findings);
         if (name) ranges.tenant = *name;
         tenant_mark = tenant->value.Mark();
      }
      const auto [seen, inserted] = first_line.try_emplace(ranges.tenant, findings.at(tenant_mark).line);
      if (!inserted) {
         findings.add(tenant_mark, "number ranges of tenant '" + ranges.tenant + "' are already given at line " +
                                       std::to_string(seen->second));
      }
      const engine::Tenant *tenant = engine::find_tenant(data, ranges.tenant);
      for (const std::string_view key : {std::string_view("request_numbers"), std::string_view("callback_numbers")}) {
         const YamlEntry *entry = find_entry(entries, key);
         if (!entry) {
            findings.add(item.Mark(), "number ranges need '" + std::string(key) + "'");
            continue;
         }
         const auto range = read_number_range(*entry, findings);
         if (!range) continue;
         const bool request = key == "request_numbers";
         (request ? ranges.request_numbers : ranges.callback_numbers) = *range;
         if (tenant && request) {
            check_size(*entry, *range, kRequestBase + tenant->attendants,
                       "8 + " + std::to_string(tenant->attendants) + " attendants of tenant '" +
                           tenant->name + "'",
                       findings);
         } else if (tenant) {
            check_size(*entry, *range, kCallbackBase + tenant->max_parked,
                       "3 + " + std::to_string(tenant->max_parked) + " max parked of tenant '" +
                           tenant->name + "'",
                       findings);
         }
         std::string what = std::string(request ? "request" : "callback") + " numbers of tenant '" +
                            ranges.tenant + "' at line " + std::to_string(findings.at(entry->value.Mark()).line);
         placed.push_back(PlacedRange{*range, std::move(what), entry->value.Mark()});
      }
      if (findings.errors.size() == before) data.number_ranges.push_back(std::move(ranges));
   }
   for (std::size_t i = 0; i < placed.size(); ++i) {
      for (std::size_t j = i + 1; j < placed.size(); ++j) {
         if (!overlaps(placed[i].range, placed[j].range)) continue;
         const bool j_later = is_later(placed[j].mark, placed[i].mark);
         const PlacedRange &later = j_later ? placed[j] : placed[i];
         const PlacedRange &earlier = j_later ? placed[i] : placed[j];
         findings.add(later.mark, "this range overlaps the " + earlier.what);
      }
   }
}

}  // namespace portier::kernel
