// SPDX-License-Identifier: GPL-3.0-or-later
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "kernel/plugin_status.h"

using nlohmann::json;
using portier::kernel::PluginStatus;

TEST_CASE("a plugin status survives a trip through JSON", "[control][json]") {
   PluginStatus s;
   s.id = "pbx-north";
   s.plugin = "pbx.osv";
   s.kind = "pbx";
   s.name = "OpenScape Voice";
   s.version = "1.2.3";
   s.file = "/usr/lib/portier/plugins/pbx-osv.so";
   s.state = "limited";
   s.reason = "CSTA link down, retrying in 8 s";
   s.since = "2024-05-01T08:00:00Z";
   s.events = 18446744073709551615ULL;

   const json j = s;
   CHECK(j.at("id") == "pbx-north");
   CHECK(j.at("plugin") == "pbx.osv");
   CHECK(j.at("events") == 18446744073709551615ULL);
   const auto back = j.get<PluginStatus>();
   CHECK(back.id == s.id);
   CHECK(back.plugin == s.plugin);
   CHECK(back.kind == s.kind);
   CHECK(back.name == s.name);
   CHECK(back.version == s.version);
   CHECK(back.file == s.file);
   CHECK(back.state == s.state);
   CHECK(back.reason == s.reason);
   CHECK(back.since == s.since);
   CHECK(back.events == s.events);
}

TEST_CASE("a plugin status with missing members reads with defaults", "[control][json]") {
   const auto s = json{{"id", "pbx.sim"}, {"state", "running"}}.get<PluginStatus>();
   CHECK(s.id == "pbx.sim");
   CHECK(s.state == "running");
   CHECK(s.kind.empty());
   CHECK(s.plugin == "pbx.sim");  // a daemon before instances: the library's id is the id
   CHECK(s.events == 0);
}

TEST_CASE("a plugin status member of the wrong type is rejected", "[control][json]") {
   CHECK_THROWS_AS((json{{"id", 5}}.get<PluginStatus>()), json::type_error);
}
