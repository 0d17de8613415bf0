// SPDX-License-Identifier: MIT
// Runs one scenario in a forked child so that a crash (signal) or a hang (timeout, then
// SIGKILL) becomes a finding of the report instead of the end of the checker.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "report.h"
#include "scenarios.h"

namespace portier::check {

struct ScenarioOutcome {
   std::vector<CheckLine> lines;
   std::optional<DescriptorInfo> descriptor;
   bool usable_descriptor = false;
};

ScenarioOutcome run_in_child(const Scenario &scenario, const CheckOptions &opt, int timeout_ms);

}  // namespace portier::check
