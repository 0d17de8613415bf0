// SPDX-License-Identifier: GPL-3.0-or-later
// The `directory` section: database, sources with tenant and schedule, dedupe; every finding
// names its key path.
#include <string>

#include <catch2/catch.hpp>

#include "config_test_support.h"

using namespace portier::kernel;
using portier::kernel::test::load;
using portier::kernel::test::printed;
using Lines = std::vector<std::string>;

namespace {

const std::string kPlugins =
    "plugins:\n"
    "  load:\n"
    "    - id: directory.csv\n"
    "      file: directory-csv.so\n"
    "    - id: directory.ldap\n"
    "      file: directory-ldap.so\n";

ConfigResult with_directory(const std::string &directory) { return load(kPlugins + "directory:\n" + directory); }

bool has_error(const ConfigResult &result, const std::string &part) {
   for (const std::string &line : printed(result))
      if (line.find(part) != std::string::npos) return true;
   return false;
}

}  // namespace

TEST_CASE("a directory section with sources, schedules and dedupe is read") {
   const auto result = with_directory(
       "  database: book/directory.db\n"
       "  ready_timeout: 2m\n"
       "  sources:\n"
       "    - plugin: directory.csv\n"
       "      tenant: DEFAULT\n"
       "      schedule: {every: 1h30m}\n"
       "    - plugin: directory.ldap\n"
       "      tenant: \"*\"\n"
       "      schedule: {daily: \"02:30\"}\n"
       "  dedupe: {keys: [email, extension], prefer: [directory.ldap, directory.csv]}\n");
   REQUIRE(printed(result) == Lines{});
   const DirectoryConfig &d = result.config->directory;
   CHECK(d.configured);
   CHECK(d.database == "/etc/portier/var/book/directory.db");
   CHECK(d.ready_timeout_s == 120);
   REQUIRE(d.sources.size() == 2);
   CHECK(d.sources[0].plugin == "directory.csv");
   CHECK(d.sources[0].tenant == "DEFAULT");
   CHECK(d.sources[0].schedule.kind == DirectorySchedule::Kind::every);
   CHECK(d.sources[0].schedule.every_s == 5400);
   CHECK(d.sources[1].tenant == "*");
   CHECK(d.sources[1].schedule.kind == DirectorySchedule::Kind::daily);
   CHECK(d.sources[1].schedule.daily_minute == 150);
   CHECK(d.dedupe_keys == std::vector<std::string>{"email", "extension"});
   CHECK(d.prefer == std::vector<std::string>{"directory.ldap", "directory.csv"});
}

TEST_CASE("without a directory section the phone book is not configured and lives next to the store") {
   const auto result = load(kPlugins);
   REQUIRE(printed(result) == Lines{});
   CHECK_FALSE(result.config->directory.configured);
   CHECK(result.config->directory.database == "/etc/portier/var/directory.db");
}

TEST_CASE("a source without a schedule is manual and belongs to DEFAULT") {
   const auto result = with_directory("  sources:\n    - plugin: directory.csv\n");
   REQUIRE(printed(result) == Lines{});
   const DirectorySourceConfig &source = result.config->directory.sources.at(0);
   CHECK(source.tenant == "DEFAULT");
   CHECK(source.schedule.kind == DirectorySchedule::Kind::manual);
   CHECK(source.schedule.text == "manual");
}

TEST_CASE("a source keeps the line and column of its plugin value, where the kind check points") {
   // lines 1-6 are kPlugins, 7 "directory:"; the second source names its plugin after its tenant
   const auto result = with_directory(
       "  sources:\n"
       "    - plugin: directory.csv\n"
       "    - tenant: DEFAULT\n"
       "      plugin:   directory.ldap\n");
   REQUIRE(printed(result) == Lines{});
   const auto &sources = result.config->directory.sources;
   REQUIRE(sources.size() == 2);
   CHECK(sources[0].line == 9);
   CHECK(sources[0].column == 15);
   CHECK(sources[1].line == 11);
   CHECK(sources[1].column == 17);
}

TEST_CASE("a schedule interval outside 1m to 7d names its key path") {
   const auto result = with_directory(
       "  sources:\n"
       "    - plugin: directory.csv\n"
       "    - plugin: directory.ldap\n"
       "      schedule: {every: 30s}\n");
   CHECK(printed(result) ==
         Lines{"portier.yaml:11:25: directory.sources[1].schedule.every: '30s' is outside 1m to 7d"});
}

TEST_CASE("a malformed interval and a malformed daily time are named") {
   CHECK(has_error(with_directory("  sources:\n    - plugin: directory.csv\n      schedule: {every: 15x}\n"),
                   "directory.sources[0].schedule.every: '15x' is not a duration"));
   CHECK(has_error(with_directory("  sources:\n    - plugin: directory.csv\n      schedule: {daily: \"25:00\"}\n"),
                   "directory.sources[0].schedule.daily: '25:00' is not a local time"));
   CHECK(has_error(with_directory("  sources:\n    - plugin: directory.csv\n      schedule: hourly\n"),
                   "directory.sources[0].schedule: must be manual"));
}

TEST_CASE("unknown keys get a did-you-mean with their path") {
   CHECK(has_error(with_directory("  sources:\n    - plugin: directory.csv\n      tennant: DEFAULT\n"),
                   "directory.sources[0]: unknown key 'tennant'"));
   CHECK(has_error(with_directory("  sources:\n    - plugin: directory.csv\n      tennant: DEFAULT\n"), "tenant"));
   CHECK(has_error(with_directory("  databse: x.db\n"), "directory: unknown key 'databse'"));
}

TEST_CASE("a source naming a plugin that is not loaded is an error") {
   CHECK(has_error(with_directory("  sources:\n    - plugin: directory.nope\n"),
                   "directory.sources[0].plugin: 'directory.nope' is not an enabled plugin of plugins.load"));
}

TEST_CASE("a source naming an unknown tenant is an error") {
   CHECK(has_error(with_directory("  sources:\n    - plugin: directory.csv\n      tenant: NOBODY\n"),
                   "directory.sources[0].tenant: 'NOBODY' is not a configured tenant"));
}

TEST_CASE("one plugin may fill the book once") {
   CHECK(has_error(with_directory("  sources:\n    - plugin: directory.csv\n    - plugin: directory.csv\n"),
                   "directory.sources[1].plugin: 'directory.csv' is already the plugin of directory.sources[0]"));
}

TEST_CASE("dedupe keys are email or extension") {
   CHECK(has_error(with_directory("  dedupe: {keys: [phone]}\n"),
                   "directory.dedupe.keys[0]: 'phone' is not a key; expected email or extension"));
}
