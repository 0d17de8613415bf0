// SPDX-License-Identifier: GPL-3.0-or-later
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "numbers.h"

using namespace portier::trunk;

namespace {

NumberEntry entry(const char *range, NumberKind kind, const char *source) {
   return NumberEntry{parse_number_range(range).value(), kind, source};
}

// The manual's checklist (4.4.2): pilots, personal lines, loop, request and callback numbers.
NumberPlan manual_plan() {
   return NumberPlan::make({entry("+4950505803201..19", NumberKind::pilot, "pilot_numbers[0]"),
                            entry("+4950505803220..99", NumberKind::personal_line, "personal_lines[0]"),
                            entry("+4950505803300", NumberKind::loop, "loop_number"),
                            entry("+4950505803301..49", NumberKind::request, "request_numbers"),
                            entry("+4950505803350..99", NumberKind::callback, "callback_numbers")})
       .value();
}

}  // namespace

TEST_CASE("a called number is classified by the range it falls in") {
   const NumberPlan plan = manual_plan();
   CHECK(plan.classify("+4950505803201") == NumberKind::pilot);
   CHECK(plan.classify("+4950505803219") == NumberKind::pilot);
   CHECK(plan.classify("+4950505803250") == NumberKind::personal_line);
   CHECK(plan.classify("+4950505803300") == NumberKind::loop);
   CHECK(plan.classify("+4950505803349") == NumberKind::request);
   CHECK(plan.classify("+4950505803399") == NumberKind::callback);
}

TEST_CASE("a number outside every range, or not E.164, is unknown") {
   const NumberPlan plan = manual_plan();
   CHECK(plan.classify("+4950505803200") == NumberKind::unknown);
   CHECK(plan.classify("+4950505803400") == NumberKind::unknown);
   CHECK(plan.classify("+495050580320") == NumberKind::unknown);
   CHECK(plan.classify("4950505803201") == NumberKind::unknown);
   CHECK(plan.classify("") == NumberKind::unknown);
   CHECK(NumberPlan().classify("+4950505803201") == NumberKind::unknown);
}

TEST_CASE("the entry found carries its kind and where it was configured") {
   const NumberEntry pilot = entry("+4989700710..19", NumberKind::pilot, "pilot_numbers[1]");
   const NumberPlan plan = NumberPlan::make({pilot}).value();
   const NumberEntry *found = plan.find("+4989700712");
   REQUIRE(found != nullptr);
   CHECK(found->kind == NumberKind::pilot);
   CHECK(found->source == "pilot_numbers[1]");
}

TEST_CASE("overlapping ranges are refused naming both entries") {
   const auto plan = NumberPlan::make({entry("+4989700710..19", NumberKind::pilot, "pilot_numbers[0]"),
                                       entry("+4989700719", NumberKind::loop, "loop_number")});
   REQUIRE_FALSE(plan.ok());
   CHECK(plan.message().find("loop_number (+4989700719) overlaps pilot_numbers[0] (+4989700710..+4989700719)") !=
         std::string::npos);
}

TEST_CASE("ten thousand ranges classify by binary search, every number in its own range") {
   std::vector<NumberEntry> entries;
   for (int i = 0; i < 10000; ++i) {
      const std::string first = "+49897" + std::to_string(100000 + i * 10);
      entries.push_back(NumberEntry{NumberRange{first, first.substr(0, first.size() - 1) + "4"},
                                    i % 2 == 0 ? NumberKind::pilot : NumberKind::personal_line,
                                    "pilot_numbers[" + std::to_string(i) + "]"});
   }
   const NumberPlan plan = NumberPlan::make(std::move(entries)).value();
   CHECK(plan.count(NumberKind::pilot) == 5000 * 5);
   for (int i = 0; i < 10000; i += 7) {
      const std::string base = "+49897" + std::to_string(100000 + i * 10);
      const NumberEntry *inside = plan.find(base.substr(0, base.size() - 1) + "3");
      REQUIRE(inside != nullptr);
      CHECK(inside->source == "pilot_numbers[" + std::to_string(i) + "]");
      CHECK(plan.find(base.substr(0, base.size() - 1) + "7") == nullptr);  // the gap after it
   }
}
