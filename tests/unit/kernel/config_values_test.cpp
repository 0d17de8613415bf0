// SPDX-License-Identifier: GPL-3.0-or-later
// Defaults, path resolution and the values of system and store.
#include <fstream>
#include <string>

#include <catch2/catch.hpp>

#include "config_test_support.h"
#include "temp_dir.h"

using namespace portier::kernel;
using portier::kernel::test::load;
using portier::kernel::test::printed;
using portier::kernel::test::TempDir;
using Lines = std::vector<std::string>;

TEST_CASE("an empty file gives every default") {
   for (const char *text : {"", "# only a comment\n", "\n\n"}) {
      CAPTURE(text);
      const auto result = load(text);
      REQUIRE(result.errors.empty());
      const Config &config = *result.config;
      CHECK(config.base_dir == "/etc/portier");
      CHECK(config.file.empty());
      CHECK(config.system.name == "Portier");
      CHECK(config.system.control_socket == "/etc/portier/var/portierd.sock");
      CHECK(config.system.log_level == "info");
      CHECK(config.system.engine_queue == 4096);
      CHECK(config.store.path == "/etc/portier/var/portier.db");
      CHECK(config.search_path.empty());
      CHECK(config.plugins.empty());
   }
}

TEST_CASE("empty sections give their defaults") {
   const auto result = load("system:\nstore: {}\nplugins:\n");
   REQUIRE(result.errors.empty());
   CHECK(result.config->system.name == "Portier");
   CHECK(result.config->store.path == "/etc/portier/var/portier.db");
}

TEST_CASE("system values are read") {
   const auto result = load(
       "system:\n  name: Reception\n  control_socket: /run/portier/ctl.sock\n  log_level: debug\n"
       "  engine_queue: 128\n");
   REQUIRE(result.errors.empty());
   CHECK(result.config->system.name == "Reception");
   CHECK(result.config->system.control_socket == "/run/portier/ctl.sock");
   CHECK(result.config->system.log_level == "debug");
   CHECK(result.config->system.engine_queue == 128);
}

TEST_CASE("relative paths resolve against the base folder, absolute ones stay") {
   const auto result = load(
       "system:\n  control_socket: run/../sock/ctl\nstore:\n  path: ./data/p.db\n"
       "plugins:\n  search_path: [plugins, /usr/lib/portier/plugins]\n");
   REQUIRE(result.errors.empty());
   CHECK(result.config->system.control_socket == "/etc/portier/sock/ctl");
   CHECK(result.config->store.path == "/etc/portier/data/p.db");
   CHECK(result.config->search_path ==
         std::vector<std::filesystem::path>{"/etc/portier/plugins", "/usr/lib/portier/plugins"});
}

TEST_CASE("an empty path is refused") {
   CHECK(printed("store:\n  path: \"\"\n") == Lines{"portier.yaml:2:9: 'path' must not be empty"});
   CHECK(printed("plugins:\n  search_path: [a, '']\n") ==
         Lines{"portier.yaml:2:20: 'search_path' must not be empty"});
}

TEST_CASE("a control socket path longer than a Unix socket allows is refused") {
   const std::string long_path = "/" + std::string(107, 's');
   CHECK(load("system:\n  control_socket: " + long_path.substr(0, 107) + "\n").errors.empty());
   const auto lines = printed("system:\n  control_socket: " + long_path + "\n");
   REQUIRE(lines.size() == 1);
   CHECK(lines[0].rfind("portier.yaml:2:19: 'control_socket' resolves to " + long_path +
                            ", which is 108 bytes long; a Unix socket path may be at most 107 bytes",
                        0) == 0);
}

TEST_CASE("a default control socket that resolves too long is refused too") {
   const auto result = load_config_text("", "p.yaml", "/" + std::string(100, 'd'));
   REQUIRE(result.errors.size() == 1);
   CHECK(result.errors[0].message.find("set system.control_socket to a shorter path") !=
         std::string::npos);
}

TEST_CASE("the system name is 1 to 64 characters") {
   CHECK(printed("system:\n  name: ''\n") ==
         Lines{"portier.yaml:2:9: 'name' must be 1 to 64 characters long, got 0"});
   CHECK(printed("system:\n  name: " + std::string(65, 'n') + "\n") ==
         Lines{"portier.yaml:2:9: 'name' must be 1 to 64 characters long, got 65"});
   // 64 two-byte characters are 64 characters, not 128.
   std::string umlauts;
   for (int i = 0; i < 64; ++i) umlauts += "\xc3\xa4";
   CHECK(load("system:\n  name: " + umlauts + "\n").config->system.name == umlauts);
   CHECK(printed("system:\n  name: [a]\n") ==
         Lines{"portier.yaml:2:9: 'name' must be a string, got a list"});
   CHECK(printed("system:\n  name:\n") ==
         Lines{"portier.yaml:2:3: 'name' must be a string, got nothing"});
}

TEST_CASE("a file is loaded with its display name and absolute folder") {
   TempDir dir;
   const auto file = dir.path() / "portier.yaml";
   std::ofstream(file) << "store:\n  path: db/p.db\nsystem:\n  engine_queue: 3\n";
   const auto bad = load_config_file(file);
   CHECK(printed(bad) == Lines{file.string() +
                               ":4:17: 'engine_queue' must be between 64 and 1048576, got 3"});

   std::ofstream(file) << "store:\n  path: db/p.db\n";
   const auto good = load_config_file(file);
   REQUIRE(good.errors.empty());
   CHECK(good.config->file == file);
   CHECK(good.config->base_dir == dir.path());
   CHECK(good.config->store.path == dir.path() / "db/p.db");
}

TEST_CASE("a missing file is one finding naming it") {
   const auto result = load_config_file("/nonexistent/portier.yaml");
   REQUIRE(result.errors.size() == 1);
   CHECK(result.errors[0].to_string().rfind("/nonexistent/portier.yaml:0:0: cannot read the file", 0) == 0);
}

TEST_CASE("a NUL character in a settings text is refused where it stands") {
   // Found by tests/fuzz: the SDK's JSON reader refuses \u0000, so the plugin would have failed.
   const auto lines = portier::kernel::test::printed(
       "plugins:\n  load:\n    - id: a\n      file: a.so\n      settings:\n        greeting: \"a\\0b\"\n");
   CHECK(lines == std::vector<std::string>{"portier.yaml:6:19: 'settings' holds a text with a NUL character"});
}

TEST_CASE("a NUL character in a settings key is refused where it stands") {
   // Found by tests/fuzz in a key: the same \u0000 the SDK's JSON reader refuses.
   const auto lines = portier::kernel::test::printed(
       "plugins:\n  load:\n    - id: a\n      file: a.so\n      settings:\n        \"gr\\0eeting\": 1\n");
   CHECK(lines == std::vector<std::string>{"portier.yaml:6:9: 'settings' holds a key with a NUL character"});
}
