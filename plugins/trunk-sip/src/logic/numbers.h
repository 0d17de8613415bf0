// SPDX-License-Identifier: GPL-3.0-or-later
// What a call to trunk.sip is, by the number it called: the number ranges the PBX routes to the
// provider service (pilot numbers, personal lines, the loop number, request numbers, callback
// numbers). Anything else is unknown and is answered 404 by the call layer. The ranges are kept
// as sorted, disjoint intervals, so a lookup is a binary search however many there are.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include <portier/result.hpp>

#include "number_range.h"

namespace portier::trunk {

enum class NumberKind { unknown, pilot, personal_line, loop, request, callback };

// "pilot number", "personal line", ...: for logs and messages.
const char *kind_name(NumberKind kind);

// A range of service numbers. What a call gets when every processing channel is taken is not
// the trunk's to say: the engine applies the DDI entry's overload rule (busy, or a redirect the
// engine asks for with portier.trunk/1 `redirect`).
struct NumberEntry {
   NumberRange range;
   NumberKind kind = NumberKind::unknown;
   std::string source;  // where it was configured, e.g. "pilot_numbers[2]", for messages
};

class NumberPlan {
public:
   NumberPlan() = default;

   // Sorts the entries; refuses ranges that overlap, naming both by their `source`.
   static Result<NumberPlan> make(std::vector<NumberEntry> entries);

   // The entry `called` falls in, or nullptr (then the kind is unknown). The pointer lives as
   // long as the plan.
   const NumberEntry *find(std::string_view called) const;
   NumberKind classify(std::string_view called) const;

   const std::vector<NumberEntry> &entries() const { return entries_; }  // sorted by number
   // How many numbers of `kind` the plan holds.
   std::uint64_t count(NumberKind kind) const;

private:
   std::vector<NumberEntry> entries_;
   std::vector<std::uint64_t> firsts_;  // e164_key of each entry's first number, ascending
   std::vector<std::uint64_t> lasts_;
};

}  // namespace portier::trunk
