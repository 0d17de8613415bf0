// SPDX-License-Identifier: GPL-3.0-or-later
#include "kernel/plugin_status.h"

#include <nlohmann/json.hpp>

namespace portier::kernel {

void to_json(nlohmann::json &j, const PluginStatus &s) {
   j = nlohmann::json{{"id", s.id},         {"plugin", s.plugin}, {"kind", s.kind},   {"name", s.name},
                      {"version", s.version}, {"file", s.file},   {"state", s.state},
                      {"reason", s.reason},   {"since", s.since}, {"events", s.events}};
}

// Missing members keep their defaults, so an older or newer daemon's answer still reads;
// a member of the wrong type throws nlohmann's type_error, as any from_json does.
void from_json(const nlohmann::json &j, PluginStatus &s) {
   PluginStatus out;
   out.id = j.value("id", std::string());
   // An older daemon knew no instances: its plugin id is the instance id.
   out.plugin = j.value("plugin", out.id);
   out.kind = j.value("kind", std::string());
   out.name = j.value("name", std::string());
   out.version = j.value("version", std::string());
   out.file = j.value("file", std::string());
   out.state = j.value("state", std::string());
   out.reason = j.value("reason", std::string());
   out.since = j.value("since", std::string());
   out.events = j.value("events", std::uint64_t{0});
   s = std::move(out);
}

}  // namespace portier::kernel
