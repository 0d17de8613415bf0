// SPDX-License-Identifier: GPL-3.0-or-later
// The findings an administrator reads: their exact wording and position.
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "config_test_support.h"

using namespace portier::kernel;
using portier::kernel::test::load;
using portier::kernel::test::printed;
using Lines = std::vector<std::string>;

TEST_CASE("a finding prints as file, line, column and message") {
   const ConfigError error{Position{"a.yaml", 3, 7}, "boom"};
   CHECK(error.to_string() == "a.yaml:3:7: boom");
}

TEST_CASE("a misspelled top-level key is reported with a did-you-mean") {
   CHECK(printed("sytem:\n  name: x\n") ==
         Lines{"portier.yaml:1:1: unknown key 'sytem' (did you mean 'system'?)"});
}

TEST_CASE("an unknown top-level key far from all valid ones lists the sections") {
   CHECK(printed("database: x\n") ==
         Lines{"portier.yaml:1:1: unknown key 'database' (expected one of: system, store, sites, "
               "pbx, trunk, tenants, accounts, ddi, variants, announcements, number_ranges, presence, "
               "calendars, directory, plugins, redundancy)"});
}

TEST_CASE("an unknown key inside system lists the keys of system") {
   CHECK(printed("system:\n  colour: red\n") ==
         Lines{"portier.yaml:2:3: unknown key 'colour' (expected one of: name, control_socket, "
               "log_level, engine_queue)"});
}

TEST_CASE("a misspelled key inside store and inside plugins is reported with a did-you-mean") {
   CHECK(printed("store:\n  pth: x.db\n") ==
         Lines{"portier.yaml:2:3: unknown key 'pth' (did you mean 'path'?)"});
   CHECK(printed("plugins:\n  serch_path: []\n") ==
         Lines{"portier.yaml:2:3: unknown key 'serch_path' (did you mean 'search_path'?)"});
}

TEST_CASE("a misspelled key inside a plugin entry is reported with a did-you-mean") {
   CHECK(printed("plugins:\n  load:\n    - id: a\n      file: a.so\n      enabeld: false\n") ==
         Lines{"portier.yaml:5:7: unknown key 'enabeld' (did you mean 'enabled'?)"});
}

TEST_CASE("keys inside settings belong to the plugin and are not checked") {
   const auto result =
       load("plugins:\n  load:\n    - id: a\n      file: a.so\n      settings:\n        anything: 1\n");
   CHECK(result.errors.empty());
}

TEST_CASE("a repeated key is reported at its second occurrence") {
   CHECK(printed("system:\n  name: a\n  name: b\n") ==
         Lines{"portier.yaml:3:3: duplicate key 'name' (first at line 2)"});
   CHECK(printed("store: {}\nstore: {}\n") ==
         Lines{"portier.yaml:2:1: duplicate key 'store' (first at line 1)"});
}

TEST_CASE("a repeated key inside settings is reported too") {
   CHECK(printed("plugins:\n  load:\n    - id: a\n      file: a.so\n      settings:\n"
                 "        x: 1\n        y:\n          z: 1\n          z: 2\n        x: 2\n") ==
         Lines{"portier.yaml:9:11: duplicate key 'z' (first at line 8)",
               "portier.yaml:10:9: duplicate key 'x' (first at line 6)"});
}

TEST_CASE("a word where an integer belongs is a type error") {
   CHECK(printed("system:\n  engine_queue: lots\n") ==
         Lines{"portier.yaml:2:17: 'engine_queue' must be an integer, got 'lots'"});
   CHECK(printed("system:\n  engine_queue: 4096.5\n") ==
         Lines{"portier.yaml:2:17: 'engine_queue' must be an integer, got '4096.5'"});
   CHECK(printed("system:\n  engine_queue: \"4096\"\n") ==
         Lines{"portier.yaml:2:17: 'engine_queue' must be an integer, got '4096' in quotes"});
}

TEST_CASE("an integer out of range names the range and the value") {
   CHECK(printed("system:\n  engine_queue: 10\n") ==
         Lines{"portier.yaml:2:17: 'engine_queue' must be between 64 and 1048576, got 10"});
   CHECK(printed("system:\n  engine_queue: 1048577\n") ==
         Lines{"portier.yaml:2:17: 'engine_queue' must be between 64 and 1048576, got 1048577"});
   CHECK(printed("system:\n  engine_queue: 99999999999999999999\n") ==
         Lines{"portier.yaml:2:17: 'engine_queue' must be between 64 and 1048576, got "
               "99999999999999999999"});
}

TEST_CASE("the ends of the engine queue range are accepted") {
   CHECK(load("system:\n  engine_queue: 64\n").config->system.engine_queue == 64);
   CHECK(load("system:\n  engine_queue: 1048576\n").config->system.engine_queue == 1048576);
}

TEST_CASE("a section of the wrong shape is a type error") {
   CHECK(printed("system: 5\n") == Lines{"portier.yaml:1:9: 'system' must be a mapping"});
   CHECK(printed("store: [a]\n") == Lines{"portier.yaml:1:8: 'store' must be a mapping"});
   CHECK(printed("plugins:\n  load: x\n") == Lines{"portier.yaml:2:9: 'load' must be a list"});
   CHECK(printed("plugins:\n  search_path: {a: b}\n") ==
         Lines{"portier.yaml:2:16: 'search_path' must be a list"});
}

TEST_CASE("enabled accepts only true or false") {
   const std::string head = "plugins:\n  load:\n    - id: a\n      file: a.so\n      enabled: ";
   CHECK(printed(head + "maybe\n") ==
         Lines{"portier.yaml:5:16: 'enabled' must be true or false, got 'maybe'"});
   for (const char *word : {"yes", "no", "on", "off", "1", "0"}) {
      CAPTURE(word);
      CHECK(printed(head + word + "\n") ==
            Lines{"portier.yaml:5:16: 'enabled' must be true or false, got '" + std::string(word) +
                  "'"});
   }
   CHECK(printed(head + "\"true\"\n") ==
         Lines{"portier.yaml:5:16: 'enabled' must be true or false, got 'true' in quotes"});
   CHECK(load(head + "false\n").config->plugins.at(0).enabled == false);
   CHECK(load(head + "true\n").config->plugins.at(0).enabled == true);
}

TEST_CASE("a plugin entry without id or file says which is missing, at the entry") {
   CHECK(printed("plugins:\n  load:\n    - file: a.so\n") ==
         Lines{"portier.yaml:3:7: plugin entry needs 'id'"});
   CHECK(printed("plugins:\n  load:\n    - id: a\n") ==
         Lines{"portier.yaml:3:7: plugin entry needs 'file'"});
}

TEST_CASE("a section reserved for later versions must be empty") {
   CHECK(printed("pbx:\n  model: osv\n") ==
         Lines{"portier.yaml:2:3: section 'pbx' has no settings in this version of Portier; "
               "leave it empty"});
   CHECK(printed("trunk: x\n") ==
         Lines{"portier.yaml:1:8: section 'trunk' has no settings in this version of Portier; "
               "leave it empty"});
   CHECK(load("sites:\npbx: ~\ntrunk: {}\ntenants: []\nddi: null\nvariants:\nannouncements:\n"
              "number_ranges:\npresence:\ncalendars:\ndirectory:\nredundancy:\n")
             .errors.empty());
}

TEST_CASE("a top level that is not a mapping is refused") {
   CHECK(printed("- a\n- b\n") ==
         Lines{"portier.yaml:1:1: the top level must be a mapping of sections, got a list"});
   CHECK(printed("hello\n") ==
         Lines{"portier.yaml:1:1: the top level must be a mapping of sections, got 'hello'"});
}

TEST_CASE("a YAML syntax error carries the parser's position and message") {
   const auto lines = printed("system:\n  name: [a, b\nstore: {}\n");
   REQUIRE(lines.size() == 1);
   CHECK(lines[0].rfind("portier.yaml:3:", 0) == 0);
   CHECK(lines[0].find("end of sequence flow not found") != std::string::npos);
}

TEST_CASE("a file of two YAML documents is refused") {
   const auto lines = printed("system: {}\n---\nstore: {}\n");
   REQUIRE(lines.size() == 1);
   CHECK(lines[0] == "portier.yaml:2:1: the file must hold one YAML document; a second one starts here");
}

TEST_CASE("input on which the YAML parser makes no progress is refused, not looped on") {
   // yaml-cpp 0.7's LoadAll never returns on this (found by tests/fuzz).
   CHECK(printed(",\n") == std::vector<std::string>{"portier.yaml:1:1: the YAML cannot be read from here on"});
}

TEST_CASE("every finding is collected, in file order") {
   const auto result = load(
       "plugins:\n"                      // 1
       "  load:\n"                       // 2
       "    - id: Bad_Id\n"              // 3
       "      file: a.so\n"              // 4
       "    - file: b.so\n"              // 5
       "      enabled: yes\n"            // 6
       "system:\n"                       // 7
       "  engine_queue: 1\n"             // 8
       "  log_level: loud\n"             // 9
       "stor: {}\n"                      // 10
       "pbx: [x]\n");                    // 11
   CHECK(printed(result) ==
         Lines{"portier.yaml:3:11: plugin id 'Bad_Id' must be 1 to 63 characters of a-z, 0-9, "
               "'.' and '-', starting with a letter or digit",
               "portier.yaml:5:7: plugin entry needs 'id'",
               "portier.yaml:6:16: 'enabled' must be true or false, got 'yes'",
               "portier.yaml:8:17: 'engine_queue' must be between 64 and 1048576, got 1",
               "portier.yaml:9:14: 'log_level' must be one of debug, info, warning, error, got 'loud'",
               "portier.yaml:10:1: unknown key 'stor' (did you mean 'store'?)",
               "portier.yaml:11:6: section 'pbx' has no settings in this version of Portier; "
               "leave it empty"});
   CHECK_FALSE(result.config.has_value());
}

TEST_CASE("a key that is not a name is refused") {
   CHECK(printed("? [a, b]\n: 1\n") ==
         Lines{"portier.yaml:1:3: a key must be a name, not a list"});
}

TEST_CASE("text longer than the size limit is refused before parsing") {
   const std::string big(4 * 1024 * 1024 + 1, '#');
   CHECK(printed(big) == Lines{"portier.yaml:0:0: the file is larger than 4194304 bytes"});
}
