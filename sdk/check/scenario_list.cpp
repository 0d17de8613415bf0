// SPDX-License-Identifier: MIT
#include "scenarios.h"

namespace portier::check {

const std::vector<Scenario> &all_scenarios()
{
   static const std::vector<Scenario> list = {
      {"elf", scenario_elf, false},
      {"entry", scenario_entry, false},
      {"descriptor", scenario_descriptor, false},
      {"validate_config.valid", scenario_validate_valid, true},
      {"validate_config.garbage", scenario_validate_garbage, true},
      {"lifecycle.create_destroy", scenario_create_destroy, true},
      {"lifecycle.start_stop", scenario_start_stop, true},
      {"lifecycle.repeat", scenario_repeat, true},
      {"lifecycle.reconfigure", scenario_reconfigure, true},
      {"lifecycle.failing_host", scenario_failing_host, true},
   };
   return list;
}

}  // namespace portier::check
