// SPDX-License-Identifier: GPL-3.0-or-later
// `portier lamps`: the daemon's busy-lamp board as a table or as JSON.
#include <memory>
#include <sstream>

#include <catch2/catch.hpp>

#include "cli/commands.h"
#include "cli/lamps_table.h"
#include "control_test_support.h"

using nlohmann::json;
using portier::control::Reply;
using portier::control::test::RunningServer;
using portier::control::test::TempDir;

namespace {

json lamp(const char *device, const char *state, const char *forward_to, const char *since) {
   return json{{"plugin", "pbx.osv"}, {"device", device}, {"state", state},
               {"forward_to", forward_to}, {"since", since}};
}

json lamps_answer() {
   return json{{"ok", true},
               {"lamps", json::array({lamp("+49897007200", "busy", "", "2026-05-01T12:21:41Z"),
                                      lamp("+49897007207", "forwarded", "+49897007100", "2026-05-01T12:21:30Z")})}};
}

struct Lamps {
   std::shared_ptr<std::string> asked = std::make_shared<std::string>();
   json answer = lamps_answer();
   void operator()(const json &req, const Reply &reply) const {
      *asked = req.at("cmd").get<std::string>();
      reply(answer);
   }
};

int run_cli(const std::vector<std::string> &args, std::string &out, std::string &err) {
   std::ostringstream o;
   std::ostringstream e;
   const int code = portier::cli::run(args, std::nullopt, std::nullopt, o, e);
   out = o.str();
   err = e.str();
   return code;
}

}  // namespace

TEST_CASE("portier lamps prints one row per device", "[cli]") {
   TempDir dir;
   const auto socket = dir.path() / "ctl.sock";
   Lamps daemon;
   RunningServer server(socket, daemon);
   std::string out;
   std::string err;
   CHECK(run_cli({"--socket", socket.string(), "lamps"}, out, err) == 0);
   CHECK(*daemon.asked == "lamps");
   CHECK(out ==
         "DEVICE        STATE                      SINCE                 PLUGIN\n"
         "+49897007200  busy                       2026-05-01T12:21:41Z  pbx.osv\n"
         "+49897007207  forwarded to +49897007100  2026-05-01T12:21:30Z  pbx.osv\n");
   CHECK(err.empty());
}

TEST_CASE("portier lamps --json prints the daemon's answer as JSON", "[cli]") {
   TempDir dir;
   const auto socket = dir.path() / "ctl.sock";
   RunningServer server(socket, Lamps{});
   std::string out;
   std::string err;
   CHECK(run_cli({"lamps", "--json", "--socket", socket.string()}, out, err) == 0);
   CHECK(json::parse(out) == lamps_answer());
}

TEST_CASE("portier lamps takes no operand", "[cli]") {
   std::string out;
   std::string err;
   CHECK(run_cli({"lamps", "+49897007200"}, out, err) == 2);
   CHECK_THAT(err, Catch::Contains("lamps takes no argument"));
}

TEST_CASE("a lamps table without devices says so, and odd entries do not break it", "[cli]") {
   CHECK(portier::cli::format_lamps_table(json::array()) == "no monitored devices\n");
   CHECK(portier::cli::format_lamps_table(json::object()) == "no monitored devices\n");
   const json odd = json::array({42, json{{"device", "1\n2"}, {"state", 7}}});
   CHECK(portier::cli::format_lamps_table(odd) ==
         "DEVICE  STATE  SINCE  PLUGIN\n"
         "1 2     -      -      -\n");
}
