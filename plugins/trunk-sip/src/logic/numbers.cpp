// SPDX-License-Identifier: GPL-3.0-or-later
#include "numbers.h"

#include <algorithm>

namespace portier::trunk {

const char *kind_name(NumberKind kind) {
   switch (kind) {
   case NumberKind::pilot: return "pilot number";
   case NumberKind::personal_line: return "personal line";
   case NumberKind::loop: return "loop number";
   case NumberKind::request: return "request number";
   case NumberKind::callback: return "callback number";
   case NumberKind::unknown: break;
   }
   return "unknown number";
}

Result<NumberPlan> NumberPlan::make(std::vector<NumberEntry> entries) {
   std::sort(entries.begin(), entries.end(), [](const NumberEntry &a, const NumberEntry &b) {
      return e164_key(a.range.first) < e164_key(b.range.first);
   });
   NumberPlan plan;
   plan.firsts_.reserve(entries.size());
   plan.lasts_.reserve(entries.size());
   for (std::size_t i = 0; i < entries.size(); ++i) {
      const std::uint64_t first = e164_key(entries[i].range.first);
      const std::uint64_t last = e164_key(entries[i].range.last);
      if (first == 0 || last < first) {
         return error(PORTIER_ERR_INVALID, entries[i].source + ": '" + entries[i].range.text() + "' is not a range");
      }
      if (i > 0 && first <= plan.lasts_.back()) {
         const NumberEntry &before = entries[i - 1];
         return error(PORTIER_ERR_INVALID, entries[i].source + " (" + entries[i].range.text() + ") overlaps " +
                                               before.source + " (" + before.range.text() + ")");
      }
      plan.firsts_.push_back(first);
      plan.lasts_.push_back(last);
   }
   plan.entries_ = std::move(entries);
   return plan;
}

const NumberEntry *NumberPlan::find(std::string_view called) const {
   const std::uint64_t key = e164_key(called);
   if (key == 0) return nullptr;
   // the last range starting at or before the number is the only one that may hold it
   const auto after = std::upper_bound(firsts_.begin(), firsts_.end(), key);
   if (after == firsts_.begin()) return nullptr;
   const auto index = static_cast<std::size_t>(after - firsts_.begin()) - 1;
   return key <= lasts_[index] ? &entries_[index] : nullptr;
}

NumberKind NumberPlan::classify(std::string_view called) const {
   const NumberEntry *entry = find(called);
   return entry != nullptr ? entry->kind : NumberKind::unknown;
}

std::uint64_t NumberPlan::count(NumberKind kind) const {
   std::uint64_t n = 0;
   for (const NumberEntry &e : entries_) {
      if (e.kind == kind) n += e.range.size();
   }
   return n;
}

}  // namespace portier::trunk
