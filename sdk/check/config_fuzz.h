// SPDX-License-Identifier: MIT
// Garbage configurations for validate_config and reconfigure: fixed nasty inputs plus
// deterministic mutations of the valid configuration, so a finding reproduces exactly.
#pragma once

#include <string>
#include <vector>

namespace portier::check {

struct FuzzInput {
   std::string label;  // "10000 nested '['", "mutation 17 of the given config"
   std::string text;
   bool is_json = false;  // a plugin may accept it only when this is true
};

std::vector<FuzzInput> garbage_configs(const std::string &valid_config);

}  // namespace portier::check
