// SPDX-License-Identifier: GPL-3.0-or-later
// plugins.load entries, their ids, and settings turned into JSON.
#include <string>

#include <catch2/catch.hpp>

#include "config_test_support.h"

using namespace portier::kernel;
using portier::kernel::test::load;
using portier::kernel::test::printed;
using Lines = std::vector<std::string>;

namespace {

std::string settings_of(const std::string &settings_yaml) {
   const auto result =
       load("plugins:\n  load:\n    - id: a\n      file: a.so\n      settings: " + settings_yaml + "\n");
   REQUIRE(result.errors.empty());
   return result.config->plugins.at(0).settings_json;
}

std::string nested(int levels) {
   std::string text;
   for (int i = 0; i < levels; ++i) text += "{a: ";
   text += "1";
   for (int i = 0; i < levels; ++i) text += "}";
   return text;
}

}  // namespace

TEST_CASE("plugin entries are read in order with their positions") {
   const auto result = load(
       "plugins:\n  load:\n    - id: pbx-osv\n      file: libpbx-osv.so\n"
       "    - id: hello.v2\n      file: plugins/hello.so\n      enabled: false\n"
       "      settings:\n        greeting: hi\n");
   REQUIRE(result.errors.empty());
   const auto &plugins = result.config->plugins;
   REQUIRE(plugins.size() == 2);
   CHECK(plugins[0].id == "pbx-osv");
   CHECK(plugins[0].file == "libpbx-osv.so");
   CHECK(plugins[0].enabled);
   CHECK(plugins[0].settings_json == "{}");
   CHECK(plugins[0].at.line == 3);
   CHECK(plugins[0].at.column == 7);
   CHECK(plugins[0].settings_at.line == 3);
   CHECK(plugins[1].id == "hello.v2");
   CHECK(plugins[1].file == "plugins/hello.so");  // kept as written: the kernel resolves it
   CHECK_FALSE(plugins[1].enabled);
   CHECK(plugins[1].settings_json == R"({"greeting":"hi"})");
   CHECK(plugins[1].settings_at.line == 9);
   CHECK(plugins[1].settings_at.file == "portier.yaml");
}

TEST_CASE("a plugin id used twice names the line of the first") {
   CHECK(printed("plugins:\n  load:\n    - id: a\n      file: a.so\n    - id: a\n      file: b.so\n") ==
         Lines{"portier.yaml:5:11: plugin id 'a' is already used at line 3"});
}

TEST_CASE("an entry without 'plugin' expects the library's id to be its own id") {
   const auto result = load("plugins:\n  load:\n    - id: directory.csv\n      file: portier-directory-csv\n");
   REQUIRE(result.errors.empty());
   CHECK(result.config->plugins.at(0).id == "directory.csv");
   CHECK(result.config->plugins.at(0).plugin == "directory.csv");
}

TEST_CASE("two instances of one library each have their own id, settings and secrets") {
   const auto result = load(
       "plugins:\n  load:\n"
       "    - id: phonebook-hr\n      plugin: directory.csv\n      file: portier-directory-csv\n"
       "      settings: {path: hr.csv}\n      secrets: {token: {env: HR_TOKEN}}\n"
       "    - id: phonebook-branch\n      plugin: directory.csv\n      file: portier-directory-csv\n"
       "      settings: {path: branch.csv}\n");
   for (const auto &e : result.errors) FAIL(e.to_string());
   const auto &plugins = result.config->plugins;
   REQUIRE(plugins.size() == 2);
   CHECK(plugins[0].id == "phonebook-hr");
   CHECK(plugins[0].plugin == "directory.csv");
   CHECK(plugins[0].settings_json == R"({"path":"hr.csv"})");
   CHECK(plugins[0].secrets.size() == 1);
   CHECK(plugins[1].id == "phonebook-branch");
   CHECK(plugins[1].plugin == "directory.csv");
   CHECK(plugins[1].file == plugins[0].file);
   CHECK(plugins[1].settings_json == R"({"path":"branch.csv"})");
   CHECK(plugins[1].secrets.empty());
}

TEST_CASE("two entries with the same instance id are refused even for one library") {
   CHECK(printed("plugins:\n  load:\n"
                 "    - id: phonebook\n      plugin: directory.csv\n      file: a.so\n"
                 "    - id: phonebook\n      plugin: directory.csv\n      file: a.so\n") ==
         Lines{"portier.yaml:6:11: plugin id 'phonebook' is already used at line 3"});
}

TEST_CASE("an entry's 'plugin' follows the descriptor id rule") {
   CHECK(printed("plugins:\n  load:\n    - id: a\n      plugin: Directory_CSV\n      file: a.so\n") ==
         Lines{"portier.yaml:4:15: 'plugin' must be a library's plugin id: 1 to 63 characters of a-z, "
               "0-9, '.' and '-', starting with a letter or digit; got 'Directory_CSV'"});
   CHECK(printed("plugins:\n  load:\n    - id: a\n      plugin: [x]\n      file: a.so\n").size() == 1);
}

TEST_CASE("a misspelled 'plugin' key is reported with a did-you-mean") {
   const auto lines = printed("plugins:\n  load:\n    - id: a\n      plugn: b\n      file: a.so\n");
   REQUIRE(lines.size() == 1);
   CHECK(lines[0].find("unknown key 'plugn' (did you mean 'plugin'?)") != std::string::npos);
}

TEST_CASE("plugin ids follow the descriptor id rule") {
   const auto id_errors = [](const std::string &id) {
      return load("plugins:\n  load:\n    - id: '" + id + "'\n      file: a.so\n").errors.size();
   };
   CHECK(id_errors("a") == 0);
   CHECK(id_errors("0pbx.osv-2") == 0);
   CHECK(id_errors(std::string(63, 'x')) == 0);
   CHECK(id_errors(std::string(64, 'x')) == 1);
   CHECK(id_errors("") == 1);
   CHECK(id_errors("-a") == 1);
   CHECK(id_errors(".a") == 1);
   CHECK(id_errors("Abc") == 1);
   CHECK(id_errors("a_b") == 1);
   CHECK(id_errors("a b") == 1);
}

TEST_CASE("an empty plugin file is refused") {
   CHECK(printed("plugins:\n  load:\n    - id: a\n      file: ''\n") ==
         Lines{"portier.yaml:4:13: 'file' must not be empty"});
}

TEST_CASE("a load entry that is not a mapping is refused") {
   CHECK(printed("plugins:\n  load:\n    - a.so\n") ==
         Lines{"portier.yaml:3:7: each entry of 'load' must be a mapping, got 'a.so'"});
}

TEST_CASE("settings that are not a mapping are refused") {
   CHECK(printed("plugins:\n  load:\n    - id: a\n      file: a.so\n      settings: [1]\n") ==
         Lines{"portier.yaml:5:17: 'settings' must be a mapping"});
}

TEST_CASE("plain scalars in settings become JSON null, booleans and numbers") {
   CHECK(settings_of("{a: null, b: ~, c: , d: Null}") == R"({"a":null,"b":null,"c":null,"d":null})");
   CHECK(settings_of("{t: true, f: false, T: TRUE}") == R"({"T":true,"f":false,"t":true})");
   CHECK(settings_of("{i: 42, n: -7, p: +3, big: 9223372036854775807, small: -9223372036854775808}") ==
         R"({"big":9223372036854775807,"i":42,"n":-7,"p":3,"small":-9223372036854775808})");
   CHECK(settings_of("{huge: 18446744073709551615}") == R"({"huge":18446744073709551615})");
   CHECK(settings_of("{x: 1.5, y: -0.25, z: 1e3, w: .5}") == R"({"w":0.5,"x":1.5,"y":-0.25,"z":1000.0})");
}

TEST_CASE("everything else in settings, and every quoted scalar, is a string") {
   CHECK(settings_of("{s: hello, yes: yes, on: on, inf: .inf, e: 1e, v: 1.2.3, h: 0x1F}") ==
         R"({"e":"1e","h":"0x1F","inf":".inf","on":"on","s":"hello","v":"1.2.3","yes":"yes"})");
   CHECK(settings_of(R"({a: "1", b: 'true', c: "null", d: "", e: "1.5"})") ==
         R"({"a":"1","b":"true","c":"null","d":"","e":"1.5"})");
   CHECK(settings_of("{toolong: 1e999}") == R"({"toolong":"1e999"})");
}

TEST_CASE("sequences and mappings in settings nest as arrays and objects") {
   CHECK(settings_of("{list: [1, two, [3]], map: {k: {v: [true, {x: ~}]}}}") ==
         R"({"list":[1,"two",[3]],"map":{"k":{"v":[true,{"x":null}]}}})");
   CHECK(settings_of("{}") == "{}");
}

TEST_CASE("settings nest at most 32 levels deep") {
   // The settings mapping itself is level 1.
   CHECK(settings_of(nested(32)).size() == 32 * 6 + 1);
   const auto lines = printed("plugins:\n  load:\n    - id: a\n      file: a.so\n      settings: " +
                              nested(33) + "\n");
   CHECK(lines == Lines{"portier.yaml:5:145: 'settings' nests deeper than 32 levels"});
}

TEST_CASE("aliases cannot blow settings up beyond the value budget") {
   std::string text = "plugins:\n  load:\n    - id: a\n      file: a.so\n      settings:\n";
   text += "        l0: &l0 [x, x, x, x, x, x, x, x, x, x]\n";
   for (int i = 1; i < 8; ++i) {
      const std::string prev = "*l" + std::to_string(i - 1);
      text += "        l" + std::to_string(i) + ": &l" + std::to_string(i) + " [" + prev + ", " +
              prev + ", " + prev + ", " + prev + ", " + prev + ", " + prev + ", " + prev + ", " +
              prev + ", " + prev + ", " + prev + "]\n";
   }
   const auto result = load(text);
   REQUIRE(result.errors.size() == 1);
   CHECK(result.errors[0].message == "'settings' holds more than 100000 values");
}
