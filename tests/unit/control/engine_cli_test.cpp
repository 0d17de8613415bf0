// SPDX-License-Identifier: GPL-3.0-or-later
// `portier engine`: the control socket's engine request, its event history, and the CLI.
#include <memory>
#include <sstream>

#include <catch2/catch.hpp>

#include "cli/commands.h"
#include "control/engine_request.h"
#include "control/event_history.h"
#include "control_test_support.h"

using nlohmann::json;
using portier::control::EngineCommand;
using portier::control::EngineEventsQuery;
using portier::control::EventHistory;
using portier::control::Reply;
using portier::control::RequestError;
using portier::control::test::RunningServer;
using portier::control::test::TempDir;

namespace {

struct CliRun {
   int exit_code = -1;
   std::string out;
   std::string err;
};

CliRun portier_cli(const std::vector<std::string> &args) {
   std::ostringstream out;
   std::ostringstream err;
   CliRun r;
   r.exit_code = portier::cli::run(args, std::nullopt, std::nullopt, out, err);
   r.out = out.str();
   r.err = err.str();
   return r;
}

// A daemon stand-in: remembers the request and gives a fixed answer.
struct Recorder {
   json answer;
   std::shared_ptr<json> last = std::make_shared<json>();
   void operator()(const json &request, const Reply &reply) const {
      *last = request;
      reply(answer);
   }
};

json event(const char *name) { return json{{"type", "event"}, {"event", name}}; }

}  // namespace

TEST_CASE("the event history numbers events and keeps only the newest", "[control][engine]") {
   EventHistory history(3);
   CHECK(history.last_seq() == 0);
   for (const char *name : {"a", "b", "c", "d"}) history.push(event(name));
   CHECK(history.last_seq() == 4);
   const json all = history.recent(10, 0);
   REQUIRE(all.size() == 3);
   CHECK(all[0].at("event") == "b");
   CHECK(all[0].at("seq") == 2);
   CHECK(all[2].at("seq") == 4);
}

TEST_CASE("the event history gives the last N events after a sequence number", "[control][engine]") {
   EventHistory history(10);
   for (const char *name : {"a", "b", "c", "d", "e"}) history.push(event(name));
   const json after_two = history.recent(10, 2);
   REQUIRE(after_two.size() == 3);
   CHECK(after_two[0].at("event") == "c");
   const json last_two = history.recent(2, 0);
   REQUIRE(last_two.size() == 2);
   CHECK(last_two[0].at("event") == "d");
   CHECK(history.recent(10, 5).empty());
   CHECK(history.recent(10, 99).empty());
}

TEST_CASE("an engine request carries a command object or an events count", "[control][engine]") {
   using portier::control::check_engine_request;
   const auto command = check_engine_request(json{{"cmd", "engine"}, {"command", {{"type", "snapshot"}}}});
   REQUIRE(std::holds_alternative<EngineCommand>(command));
   CHECK(std::get<EngineCommand>(command).command.at("type") == "snapshot");

   const auto events = check_engine_request(json{{"cmd", "engine"}, {"events", 20}, {"after", 7}});
   REQUIRE(std::holds_alternative<EngineEventsQuery>(events));
   CHECK(std::get<EngineEventsQuery>(events).count == 20);
   CHECK(std::get<EngineEventsQuery>(events).after == 7);
}

TEST_CASE("a malformed engine request is refused with what is wrong", "[control][engine]") {
   using portier::control::check_engine_request;
   const auto message = [](const json &request) {
      const auto checked = check_engine_request(request);
      return std::holds_alternative<RequestError>(checked) ? std::get<RequestError>(checked).message : std::string();
   };
   CHECK(message(json{{"cmd", "engine"}}) == "engine needs a \"command\" object or an \"events\" count");
   CHECK(message(json{{"cmd", "engine"}, {"command", "snapshot"}}) == "engine: \"command\" must be a JSON object");
   CHECK(message(json{{"cmd", "engine"}, {"events", 0}}) == "engine: \"events\" must be a count from 1 to 1000");
   CHECK(message(json{{"cmd", "engine"}, {"events", 1001}}) == "engine: \"events\" must be a count from 1 to 1000");
   CHECK(message(json{{"cmd", "engine"}, {"events", 5}, {"after", -1}}) ==
         "engine: \"after\" must be a sequence number >= 0");
   CHECK(message(json{{"cmd", "engine"}, {"events", 5}, {"command", json::object()}}) ==
         "engine takes either \"command\" or \"events\", not both");
}

TEST_CASE("portier engine sends the command and prints the engine's answer", "[cli][engine]") {
   TempDir dir;
   const auto socket = dir.path() / "ctl.sock";
   Recorder daemon{json{{"ok", true}, {"answer", {{"type", "answer"}, {"ok", true}}}}};
   RunningServer server(socket, daemon);

   const auto r = portier_cli({"--socket", socket.string(), "engine", R"({"type":"log_off","attendant":"anna"})"});
   CHECK(r.exit_code == 0);
   CHECK(*daemon.last == json{{"cmd", "engine"}, {"command", {{"type", "log_off"}, {"attendant", "anna"}}}});
   CHECK(json::parse(r.out) == json{{"type", "answer"}, {"ok", true}});
}

TEST_CASE("portier engine exits 1 when the engine refuses the command", "[cli][engine]") {
   TempDir dir;
   const auto socket = dir.path() / "ctl.sock";
   const json refusal{{"type", "answer"}, {"ok", false}, {"error", "unknown_attendant"}, {"message", "unknown_attendant: bob"}};
   Recorder daemon{json{{"ok", true}, {"answer", refusal}}};
   RunningServer server(socket, daemon);

   const auto r = portier_cli({"--socket", socket.string(), "engine", R"({"type":"log_off","attendant":"bob"})"});
   CHECK(r.exit_code == 1);
   CHECK(json::parse(r.out) == refusal);
}

TEST_CASE("portier engine --events prints one event per line", "[cli][engine]") {
   TempDir dir;
   const auto socket = dir.path() / "ctl.sock";
   Recorder daemon{json{{"ok", true},
                        {"events", json::array({{{"event", "call_queued"}, {"seq", 4}}, {{"event", "call_offered"}, {"seq", 5}}})},
                        {"last_seq", 5}}};
   RunningServer server(socket, daemon);

   const auto r = portier_cli({"--socket", socket.string(), "engine", "--events", "2", "--after", "3"});
   CHECK(r.exit_code == 0);
   CHECK(*daemon.last == json{{"cmd", "engine"}, {"events", 2}, {"after", 3}});
   CHECK(r.out == "{\"event\":\"call_queued\",\"seq\":4}\n{\"event\":\"call_offered\",\"seq\":5}\n");
}

TEST_CASE("portier engine refuses a command that is not a JSON object", "[cli][engine]") {
   for (const std::vector<std::string> &args :
        {std::vector<std::string>{"engine", "{type:"}, std::vector<std::string>{"engine", "[1]"}}) {
      const auto r = portier_cli(args);
      CHECK(r.exit_code == 2);
      CHECK_THAT(r.err, Catch::Contains("not a JSON object"));
   }
}

TEST_CASE("portier engine is a usage error without a command or with both forms", "[cli][engine]") {
   CHECK(portier_cli({"engine"}).exit_code == 2);
   CHECK(portier_cli({"engine", "--events", "3", "{}"}).exit_code == 2);
   CHECK(portier_cli({"engine", "--after", "3", "{}"}).exit_code == 2);
   CHECK(portier_cli({"status", "--events", "3"}).exit_code == 2);
   CHECK(portier_cli({"engine", "--events", "many"}).exit_code == 2);
}

TEST_CASE("portier engine forward sends set_forwarding with the contact, destination and kind", "[cli][engine]") {
   TempDir dir;
   const auto socket = dir.path() / "ctl.sock";
   Recorder daemon{json{{"ok", true}, {"answer", {{"type", "answer"}, {"ok", true}, {"device", "+49897007201"}}}}};
   RunningServer server(socket, daemon);

   const auto r = portier_cli({"--socket", socket.string(), "engine", "forward", "DEFAULT", "12", "+4989700799", "busy"});
   CHECK(r.exit_code == 0);
   const json &command = daemon.last->at("command");
   CHECK(command.at("type") == "set_forwarding");
   CHECK(command.at("tenant") == "DEFAULT");
   CHECK(command.at("contact_id") == 12);
   CHECK(command.at("destination") == "+4989700799");
   CHECK(command.at("kind") == "busy");
   CHECK(command.at("by").get<std::string>().starts_with("portier engine ("));  // for the audit row
   CHECK(json::parse(r.out).at("device") == "+49897007201");
}

TEST_CASE("portier engine unforward sends clear_forwarding, unconditional unless a kind is given", "[cli][engine]") {
   TempDir dir;
   const auto socket = dir.path() / "ctl.sock";
   Recorder daemon{json{{"ok", true}, {"answer", {{"type", "answer"}, {"ok", false}, {"error", "no_device"}}}}};
   RunningServer server(socket, daemon);

   const auto r = portier_cli({"--socket", socket.string(), "engine", "unforward", "Hotel", "7"});
   CHECK(r.exit_code == 1);  // the kernel's refusal, printed
   const json &command = daemon.last->at("command");
   CHECK(command.at("type") == "clear_forwarding");
   CHECK(command.at("tenant") == "Hotel");
   CHECK(command.at("contact_id") == 7);
   CHECK(command.at("kind") == "unconditional");
   CHECK_FALSE(command.contains("destination"));
   CHECK(json::parse(r.out).at("error") == "no_device");
}

TEST_CASE("portier engine forward with missing operands or a contact id that is no number exits 2", "[cli][engine]") {
   const auto few = portier_cli({"--socket", "/nonexistent.sock", "engine", "forward", "DEFAULT", "12"});
   CHECK(few.exit_code == 2);
   CHECK(few.err.find("engine forward needs TENANT CONTACT-ID DESTINATION [KIND]") != std::string::npos);
   const auto many = portier_cli({"--socket", "/nonexistent.sock", "engine", "unforward", "DEFAULT", "12", "busy", "x"});
   CHECK(many.exit_code == 2);
   CHECK(many.err.find("engine unforward needs TENANT CONTACT-ID [KIND]") != std::string::npos);
   const auto named = portier_cli({"--socket", "/nonexistent.sock", "engine", "unforward", "DEFAULT", "hans"});
   CHECK(named.exit_code == 2);
   CHECK(named.err.find("CONTACT-ID must be a contact id (a positive integer), not 'hans'") != std::string::npos);
}
