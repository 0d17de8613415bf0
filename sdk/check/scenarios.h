// SPDX-License-Identifier: MIT
// The conformance scenarios. Each runs in its own child process (see child_runner.h) and
// reports through a ScenarioLog; a crash or hang inside one is the parent's finding.
#pragma once

#include <string>
#include <vector>

#include "child_channel.h"

namespace portier::check {

struct CheckOptions {
   std::string plugin_path;
   std::string config = "{}";
   int run_ms = 300;
   std::vector<std::string> served = {"portier.host.client/1"};
};

using ScenarioFn = void (*)(ScenarioLog &, const CheckOptions &);

struct Scenario {
   const char *name;
   ScenarioFn run;
   bool needs_usable_descriptor;  // skipped when the descriptor cannot be driven safely
};

// In the order they run: static checks first, then the entry and descriptor, then the calls.
const std::vector<Scenario> &all_scenarios();

void scenario_elf(ScenarioLog &log, const CheckOptions &opt);
void scenario_entry(ScenarioLog &log, const CheckOptions &opt);
void scenario_descriptor(ScenarioLog &log, const CheckOptions &opt);
void scenario_validate_valid(ScenarioLog &log, const CheckOptions &opt);
void scenario_validate_garbage(ScenarioLog &log, const CheckOptions &opt);
void scenario_create_destroy(ScenarioLog &log, const CheckOptions &opt);
void scenario_start_stop(ScenarioLog &log, const CheckOptions &opt);
void scenario_repeat(ScenarioLog &log, const CheckOptions &opt);
void scenario_reconfigure(ScenarioLog &log, const CheckOptions &opt);
void scenario_failing_host(ScenarioLog &log, const CheckOptions &opt);

}  // namespace portier::check
