// SPDX-License-Identifier: GPL-3.0-or-later
// The `presence` section: plugin, tenants, stale_after, precedence and max_keys; every finding
// names its key path.
#include <string>

#include <catch2/catch.hpp>

#include "config_test_support.h"

using namespace portier::kernel;
using portier::kernel::test::load;
using portier::kernel::test::printed;
using Lines = std::vector<std::string>;

namespace {

const std::string kHead =
    "tenants:\n"
    "  - name: DEFAULT\n"
    "  - name: Hotel\n"
    "plugins:\n"
    "  load:\n"
    "    - id: presence.uc\n"
    "      file: presence-uc.so\n"
    "    - id: presence.off\n"
    "      file: presence-off.so\n"
    "      enabled: false\n";

ConfigResult with_presence(const std::string &presence) { return load(kHead + "presence:\n" + presence); }

}  // namespace

TEST_CASE("a presence section with plugin, tenants, stale_after, precedence and max_keys is read") {
   const auto result = with_presence(
       "  plugin: presence.uc\n"
       "  tenants: [DEFAULT, Hotel]\n"
       "  stale_after: 1h30m\n"
       "  precedence: [presence, phone]\n"
       "  max_keys: 500\n");
   REQUIRE(printed(result) == Lines{});
   const PresenceConfig &p = result.config->presence;
   CHECK(p.configured);
   CHECK(p.plugin == "presence.uc");
   CHECK_FALSE(p.all_tenants);
   CHECK(p.tenants == std::vector<std::string>{"DEFAULT", "Hotel"});
   CHECK(p.stale_after_s == 5400);
   CHECK(p.precedence == std::vector<PrecedenceRule>{PrecedenceRule::presence, PrecedenceRule::phone});
   CHECK(p.max_keys == 500);
}

TEST_CASE("presence defaults: 15 minutes to stale, the phone's activity first, 100000 keys") {
   const auto result = with_presence("  plugin: presence.uc\n  tenants: \"*\"\n");
   REQUIRE(printed(result) == Lines{});
   const PresenceConfig &p = result.config->presence;
   CHECK(p.all_tenants);
   CHECK(p.stale_after_s == 900);
   CHECK(p.max_keys == 100000);
   CHECK(p.precedence == std::vector<PrecedenceRule>{PrecedenceRule::phone_active, PrecedenceRule::phone_dnd,
                                                     PrecedenceRule::presence, PrecedenceRule::phone,
                                                     PrecedenceRule::any_stale});
}

TEST_CASE("the plugin value's line and column are kept for the kind check's message") {
   const auto result = with_presence("  tenants: \"*\"\n  plugin:   presence.uc\n");
   REQUIRE(printed(result) == Lines{});
   CHECK(result.config->presence.line == 13);
   CHECK(result.config->presence.column == 13);
}

TEST_CASE("an empty presence section switches presence off") {
   const auto result = load(kHead + "presence:\n");
   REQUIRE(printed(result) == Lines{});
   CHECK_FALSE(result.config->presence.configured);
}

TEST_CASE("presence needs a plugin and tenants") {
   CHECK(printed(with_presence("  stale_after: 5m\n")) ==
         Lines{"portier.yaml:12:3: presence: needs 'plugin', the id of a presence plugin",
               "portier.yaml:12:3: presence: needs 'tenants', a list of tenants or \"*\" for every tenant"});
}

TEST_CASE("a presence plugin that is not loaded or not enabled is refused, naming the key") {
   CHECK(printed(with_presence("  plugin: presence.teams\n  tenants: \"*\"\n")) ==
         Lines{"portier.yaml:12:11: presence.plugin: 'presence.teams' is not an enabled plugin of plugins.load"});
   CHECK(printed(with_presence("  plugin: presence.off\n  tenants: \"*\"\n")) ==
         Lines{"portier.yaml:12:11: presence.plugin: 'presence.off' is not an enabled plugin of plugins.load"});
}

TEST_CASE("an unknown tenant in presence.tenants is refused with its index") {
   CHECK(printed(with_presence("  plugin: presence.uc\n  tenants: [DEFAULT, Nowhere]\n")) ==
         Lines{"portier.yaml:13:22: presence.tenants[1]: 'Nowhere' is not a configured tenant (or \"*\" for every "
               "tenant)"});
   CHECK(printed(with_presence("  plugin: presence.uc\n  tenants: all\n")) ==
         Lines{"portier.yaml:13:12: presence.tenants: must be \"*\" (every tenant) or a list of tenants, got 'all'"});
}

TEST_CASE("a stale_after that is no duration or out of range is refused") {
   CHECK(printed(with_presence("  plugin: presence.uc\n  tenants: \"*\"\n  stale_after: soon\n")) ==
         Lines{"portier.yaml:14:16: presence.stale_after: 'soon' is not a duration such as 90s, 15m, 1h30m or 1d "
               "(units s m h d)"});
   CHECK(printed(with_presence("  plugin: presence.uc\n  tenants: \"*\"\n  stale_after: 5s\n")) ==
         Lines{"portier.yaml:14:16: presence.stale_after: '5s' is outside 10s to 7d"});
   // a part beyond 7 days is a duration, just out of range (it was called malformed before)
   CHECK(printed(with_presence("  plugin: presence.uc\n  tenants: \"*\"\n  stale_after: 700000s\n")) ==
         Lines{"portier.yaml:14:16: presence.stale_after: '700000s' is outside 10s to 7d"});
}

TEST_CASE("precedence takes known rules once each") {
   CHECK(printed(with_presence("  plugin: presence.uc\n  tenants: \"*\"\n  precedence: [presence, calendar]\n")) ==
         Lines{"portier.yaml:14:26: presence.precedence[1]: 'calendar' is not a rule; expected phone_active, "
               "phone_dnd, presence, phone or any_stale"});
   CHECK(printed(with_presence("  plugin: presence.uc\n  tenants: \"*\"\n  precedence: [phone, phone]\n")) ==
         Lines{"portier.yaml:14:23: presence.precedence[1]: 'phone' is listed twice"});
   CHECK(printed(with_presence("  plugin: presence.uc\n  tenants: \"*\"\n  precedence: []\n")) ==
         Lines{"portier.yaml:14:15: presence.precedence: must name at least one rule"});
}

TEST_CASE("max_keys must be a positive integer up to a million") {
   const auto lines = printed(with_presence("  plugin: presence.uc\n  tenants: \"*\"\n  max_keys: 0\n"));
   REQUIRE(lines.size() == 1);
   CHECK(lines[0].rfind("portier.yaml:14:13: presence.max_keys: ", 0) == 0);
}

TEST_CASE("an unknown key of the presence section is refused") {
   const auto lines = printed(with_presence("  plugin: presence.uc\n  tenants: \"*\"\n  stale: 5m\n"));
   REQUIRE(lines.size() == 1);
   CHECK(lines[0].rfind("portier.yaml:14:3: presence: ", 0) == 0);
}
