// SPDX-License-Identifier: GPL-3.0-or-later
#include "plugin/config.h"

#include <cstdint>

#include <portier/settings.hpp>

#include "spec/default_office.h"
#include "spec/office_reader.h"

namespace portier::pbxsim {

Result<SimulatorOptions> read_plugin_config(std::string_view json) {
   Settings s(json);
   SimulatorOptions o;
   o.port = static_cast<std::uint16_t>(s.get_int("port", 1040, 0, 65535));
   o.demo = s.get_bool("demo", false);
   o.traffic.seed = static_cast<std::uint64_t>(s.get_int("seed", 1, 0, INT64_MAX));
   o.traffic.every_ms = static_cast<std::uint32_t>(s.get_int("demo_every_ms", 4000, 100, 3600000));
   o.traffic.max_calls = static_cast<std::size_t>(s.get_int("demo_max_calls", 6, 1, 1000));
   const json::Value *inline_office = s.get("office");
   const std::string office_file = s.get_string("office_file", "", 0, 4096);
   const std::string script_file = s.get_string("script", "", 0, 4096);
   o.office = default_office();
   if (inline_office != nullptr && !office_file.empty()) {
      s.problem("", "give either 'office' or 'office_file', not both");
   } else if (inline_office != nullptr) {
      // The reader names the key path ("office.extensions[2].name: ..."); Settings adds "settings.".
      auto read = read_office_json(*inline_office, "office");
      const std::size_t colon = read.error.find(": ");
      if (read.ok()) o.office = std::move(*read.spec);
      else if (colon == std::string::npos) s.problem("office", read.error);
      else s.problem(read.error.substr(0, colon), read.error.substr(colon + 2));
   } else if (!office_file.empty()) {
      auto read = read_office_file(office_file);
      if (read.ok()) o.office = std::move(*read.spec);
      else s.problem("office_file", read.error);
   }
   if (!script_file.empty()) {
      auto read = read_script_file(script_file);
      if (read.ok()) o.script = std::move(read.steps);
      else s.problem("script", read.error);
   }
   if (auto checked = s.finish(); !checked.ok()) return checked.error();
   return o;
}

}  // namespace portier::pbxsim
