// SPDX-License-Identifier: GPL-3.0-or-later
#include <fstream>
#include <sstream>

#include <catch2/catch.hpp>

#include "cli/arguments.h"
#include "cli/commands.h"
#include "cli/socket_choice.h"
#include "control_test_support.h"

using nlohmann::json;
using portier::control::Reply;
using portier::control::test::RunningServer;
using portier::control::test::TempDir;

namespace {

struct Outcome {
   int exit_code = -1;
   std::string out;
   std::string err;
};

Outcome run_cli(const std::vector<std::string> &args,
                std::optional<std::string> env_socket = std::nullopt,
                std::optional<std::string> env_config = std::nullopt) {
   std::ostringstream out;
   std::ostringstream err;
   Outcome o;
   o.exit_code = portier::cli::run(args, std::move(env_socket), std::move(env_config), out, err);
   o.out = out.str();
   o.err = err.str();
   return o;
}

// A daemon stand-in that gives `answer` to every request and remembers the last command.
struct FixedAnswer {
   json answer;
   std::shared_ptr<std::string> last = std::make_shared<std::string>();
   void operator()(const json &req, const Reply &reply) const {
      *last = req.at("cmd").get<std::string>();
      reply(answer);
   }
};

json status_answer() {
   return json{{"ok", true},
               {"config", "/etc/portier/portier.yaml"},
               {"started", "2024-05-01T07:59:58Z"},
               {"plugins",
                json::array({json{{"id", "pbx.osv"},
                                  {"kind", "pbx"},
                                  {"version", "1.0.0"},
                                  {"state", "failed"},
                                  {"since", "2024-05-01T08:00:00Z"},
                                  {"reason", "CSTA link refused"}}})}};
}

}  // namespace

TEST_CASE("portier status prints the plugin table of the daemon", "[cli]") {
   TempDir dir;
   const auto socket = dir.path() / "ctl.sock";
   FixedAnswer daemon{status_answer()};
   RunningServer server(socket, daemon);

   const auto o = run_cli({"--socket", socket.string(), "status"});
   CHECK(o.exit_code == 0);  // a failed plugin is still a successful status
   CHECK(*daemon.last == "status");
   CHECK_THAT(o.out, Catch::Contains("config:  /etc/portier/portier.yaml\n"));
   // The answer names no "plugin" (a daemon before instances): the id stands for it.
   CHECK_THAT(o.out, Catch::Contains("ID       PLUGIN   KIND  VERSION  STATE   SINCE                 REASON\n"
                                     "pbx.osv  pbx.osv  pbx   1.0.0    failed  2024-05-01T08:00:00Z  "
                                     "CSTA link refused\n"));
   CHECK(o.err.empty());
}

TEST_CASE("portier status --json prints the daemon's answer as JSON", "[cli]") {
   TempDir dir;
   const auto socket = dir.path() / "ctl.sock";
   RunningServer server(socket, FixedAnswer{status_answer()});

   const auto o = run_cli({"status", "--json"}, socket.string());
   CHECK(o.exit_code == 0);
   CHECK(json::parse(o.out) == status_answer());
}

TEST_CASE("portier status fails with the socket path when no daemon runs", "[cli]") {
   TempDir dir;
   const auto socket = dir.path() / "none.sock";
   const auto o = run_cli({"--socket=" + socket.string(), "status"});
   CHECK(o.exit_code == 1);
   CHECK(o.err == "portier: portierd is not running (no socket at " + socket.string() + ")\n");
}

TEST_CASE("portier reload prints the daemon's message", "[cli]") {
   TempDir dir;
   const auto socket = dir.path() / "ctl.sock";
   FixedAnswer daemon{json{{"ok", true}, {"message", "reloaded /etc/p.yaml: 2 changes"}}};
   RunningServer server(socket, daemon);

   const auto o = run_cli({"--socket", socket.string(), "reload"});
   CHECK(o.exit_code == 0);
   CHECK(*daemon.last == "reload");
   CHECK(o.out == "reloaded /etc/p.yaml: 2 changes\n");
}

TEST_CASE("a refused reload prints each error on its own line and fails", "[cli]") {
   TempDir dir;
   const auto socket = dir.path() / "ctl.sock";
   RunningServer server(
       socket, FixedAnswer{json{{"ok", false},
                                {"error", "reload refused: 2 errors"},
                                {"errors", json::array({"p.yaml:3:5: unknown key 'nmae'",
                                                        "p.yaml:9:1: plugin 'x' not found"})}}});

   const auto o = run_cli({"--socket", socket.string(), "reload"});
   CHECK(o.exit_code == 1);
   CHECK(o.err ==
         "portier: reload refused: 2 errors\n"
         "p.yaml:3:5: unknown key 'nmae'\n"
         "p.yaml:9:1: plugin 'x' not found\n");
}

TEST_CASE("portier stop succeeds when the daemon acknowledges", "[cli]") {
   TempDir dir;
   const auto socket = dir.path() / "ctl.sock";
   FixedAnswer daemon{json{{"ok", true}}};
   RunningServer server(socket, daemon);

   const auto o = run_cli({"stop", "--socket", socket.string()});
   CHECK(o.exit_code == 0);
   CHECK(*daemon.last == "stop");
}

TEST_CASE("usage errors and --help exit 2 with the usage text", "[cli]") {
   for (const auto &args : std::vector<std::vector<std::string>>{
            {}, {"frobnicate"}, {"check"}, {"status", "extra"}, {"reload", "--json"},
            {"--socket"}, {"--bogus", "status"}}) {
      const auto o = run_cli(args);
      CHECK(o.exit_code == 2);
      CHECK_THAT(o.err, Catch::Contains("usage: portier"));
   }
   const auto help = run_cli({"--help"});
   CHECK(help.exit_code == 2);
   CHECK_THAT(help.out, Catch::StartsWith("usage: portier"));
}

TEST_CASE("portier check on a file that cannot be read exits 2", "[cli]") {
   TempDir dir;
   const auto o = run_cli({"check", (dir.path() / "missing.yaml").string()});
   CHECK(o.exit_code == 2);
   CHECK_THAT(o.err, Catch::Contains("cannot read"));
}

TEST_CASE("the socket comes from --socket before PORTIER_SOCKET before the config file",
          "[cli]") {
   TempDir dir;
   const auto config = dir.path() / "portier.yaml";
   { std::ofstream(config) << "system:\n  control_socket: run/p.sock\n"; }
   using portier::cli::choose_socket;
   using portier::cli::SocketSources;

   CHECK(choose_socket(SocketSources{"/a.sock", "/b.sock", config.string(), std::nullopt})
             .socket == "/a.sock");
   CHECK(choose_socket(SocketSources{std::nullopt, "/b.sock", config.string(), std::nullopt})
             .socket == "/b.sock");
   const auto from_file =
       choose_socket(SocketSources{std::nullopt, std::nullopt, std::nullopt, config.string()});
   CHECK(from_file.socket == dir.path() / "run" / "p.sock");
   CHECK(from_file.note.empty());
}

TEST_CASE("an unreadable config falls back to ./var/portierd.sock and says so", "[cli]") {
   TempDir dir;
   const auto missing = dir.path() / "absent.yaml";
   const auto choice = portier::cli::choose_socket(
       portier::cli::SocketSources{std::nullopt, std::nullopt, missing.string(), std::nullopt});
   CHECK(choice.socket == "./var/portierd.sock");
   CHECK_THAT(choice.note, Catch::Contains(missing.string()));
   CHECK_THAT(choice.note, Catch::EndsWith("tried ./var/portierd.sock"));
}
