// SPDX-License-Identifier: GPL-3.0-or-later
#include <sstream>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "control/status_table.h"

using portier::control::format_status_table;
using portier::kernel::PluginStatus;

namespace {

std::vector<std::string> lines_of(const std::string &text) {
   std::vector<std::string> lines;
   std::istringstream in(text);
   for (std::string line; std::getline(in, line);) lines.push_back(line);
   return lines;
}

PluginStatus plugin(std::string id, std::string kind, std::string state, std::string reason) {
   PluginStatus s;
   s.plugin = id;  // one instance of its library, named as the library
   s.id = std::move(id);
   s.kind = std::move(kind);
   s.version = "1.0.0";
   s.state = std::move(state);
   s.reason = std::move(reason);
   s.since = "2024-05-01T08:00:00Z";
   return s;
}

}  // namespace

TEST_CASE("the status table aligns every column under its header", "[control][table]") {
   const auto table = format_status_table({plugin("pbx.osv", "pbx", "running", ""),
                                           plugin("directory.csv", "directory", "failed",
                                                  "file not found: /etc/people.csv")});
   CHECK(table ==
         "ID             PLUGIN         KIND       VERSION  STATE    SINCE                 REASON\n"
         "pbx.osv        pbx.osv        pbx        1.0.0    running  2024-05-01T08:00:00Z\n"
         "directory.csv  directory.csv  directory  1.0.0    failed   2024-05-01T08:00:00Z  file not found: "
         "/etc/people.csv\n");
}

TEST_CASE("an instance shows its own id and its library's plugin id", "[control][table]") {
   PluginStatus hr = plugin("phonebook-hr", "directory", "running", "");
   hr.plugin = "directory.csv";
   const auto lines = lines_of(format_status_table({hr}));
   REQUIRE(lines.size() == 2);
   CHECK(lines[0] == "ID            PLUGIN         KIND       VERSION  STATE    SINCE                 REASON");
   CHECK(lines[1] == "phonebook-hr  directory.csv  directory  1.0.0    running  2024-05-01T08:00:00Z");
}

TEST_CASE("a long reason is printed whole and last on its line", "[control][table]") {
   const std::string reason = "CSTA link to 127.0.0.2:1040 lost: " + std::string(300, 'x');
   const auto lines = lines_of(format_status_table({plugin("pbx.osv", "pbx", "limited", reason)}));
   REQUIRE(lines.size() == 2);
   CHECK_THAT(lines[1], Catch::EndsWith("  " + reason));
   // The long reason does not widen the other columns.
   CHECK(lines[0].find("REASON") == lines[1].find("CSTA"));
}

TEST_CASE("empty cells show a dash and an empty reason leaves no trailing blanks",
          "[control][table]") {
   PluginStatus unreadable;
   unreadable.id = "pbx.broken";
   unreadable.state = "failed";
   unreadable.reason = "not a shared object";
   const auto lines = lines_of(format_status_table({unreadable, plugin("a", "pbx", "running", "")}));
   REQUIRE(lines.size() == 3);
   CHECK(lines[1] == "pbx.broken  -       -     -        failed   -                     not a shared object");
   CHECK(lines[2].back() != ' ');
}

TEST_CASE("a reason with newlines stays on its plugin's line", "[control][table]") {
   const auto lines =
       lines_of(format_status_table({plugin("pbx.osv", "pbx", "failed", "line one\nline two")}));
   REQUIRE(lines.size() == 2);
   CHECK_THAT(lines[1], Catch::EndsWith("line one line two"));
}

TEST_CASE("columns align by characters and not bytes for UTF-8 names", "[control][table]") {
   const auto lines = lines_of(format_status_table({plugin("präsenz", "presence", "running", "r"),
                                                    plugin("pbx", "pbx", "running", "r")}));
   REQUIRE(lines.size() == 3);
   // "präsenz" is 7 characters in 8 bytes: PLUGIN starts 9 characters in on every line.
   CHECK(lines[0].substr(0, 9) == "ID       ");
   CHECK(lines[1].substr(0, 10) == "präsenz  ");
   CHECK(lines[2].substr(0, 9) == "pbx      ");
}

TEST_CASE("an empty plugin list prints only the header", "[control][table]") {
   CHECK(format_status_table({}) == "ID  PLUGIN  KIND  VERSION  STATE  SINCE  REASON\n");
}
