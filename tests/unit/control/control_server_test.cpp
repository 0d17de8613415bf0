// SPDX-License-Identifier: GPL-3.0-or-later
#include <atomic>
#include <fstream>
#include <future>
#include <thread>
#include <memory>

#include <boost/asio/steady_timer.hpp>
#include <catch2/catch.hpp>
#include <sys/stat.h>

#include "control/control_client.h"
#include "control_test_support.h"

using namespace std::chrono_literals;
using nlohmann::json;
using portier::control::Reply;
using portier::control::request;
using portier::control::test::make_stale_socket;
using portier::control::test::raw_exchange;
using portier::control::test::RunningServer;
using portier::control::test::TempDir;

namespace {

// Answers every request with what it asked for, and counts the calls.
struct EchoHandler {
   std::shared_ptr<std::atomic<int>> calls = std::make_shared<std::atomic<int>>(0);
   void operator()(const json &req, const Reply &reply) const {
      ++*calls;
      reply(json{{"ok", true}, {"echo", req.at("cmd")}});
   }
};

json answer_of(const std::string &raw) {
   REQUIRE(!raw.empty());
   REQUIRE(raw.back() == '\n');
   return json::parse(raw);
}

}  // namespace

TEST_CASE("a status request is answered with the handler's reply", "[control]") {
   TempDir dir;
   const auto socket = dir.path() / "ctl.sock";
   RunningServer server(socket, [](const json &req, const Reply &reply) {
      reply(json{{"ok", true}, {"cmd_seen", req.at("cmd")}, {"plugins", json::array()}});
   });
   REQUIRE(server.started());

   auto result = request(socket, json{{"cmd", "status"}}, 2000ms);
   REQUIRE(std::holds_alternative<json>(result));
   const auto &answer = std::get<json>(result);
   CHECK(answer.at("ok") == true);
   CHECK(answer.at("cmd_seen") == "status");
   CHECK(answer.at("plugins").is_array());
}

TEST_CASE("a handler may answer later once back on the loop", "[control]") {
   TempDir dir;
   const auto socket = dir.path() / "ctl.sock";
   std::unique_ptr<RunningServer> server;
   server = std::make_unique<RunningServer>(socket, [&](const json &, Reply reply) {
      // The wait's handler owns the timer, so it lives exactly as long as it is needed.
      auto timer = std::make_shared<boost::asio::steady_timer>(server->io(), 100ms);
      timer->async_wait([timer, reply](const boost::system::error_code &) {
         reply(json{{"ok", true}, {"message", "later"}});
      });
   });
   REQUIRE(server->started());

   const auto start = std::chrono::steady_clock::now();
   auto result = request(socket, json{{"cmd", "reload"}}, 2000ms);
   REQUIRE(std::holds_alternative<json>(result));
   CHECK(std::get<json>(result).at("message") == "later");
   CHECK(std::chrono::steady_clock::now() - start >= 100ms);
   server.reset();
}

TEST_CASE("a second reply from a handler is ignored", "[control]") {
   TempDir dir;
   const auto socket = dir.path() / "ctl.sock";
   RunningServer server(socket, [](const json &, const Reply &reply) {
      reply(json{{"ok", true}, {"n", 1}});
      reply(json{{"ok", true}, {"n", 2}});
   });
   const auto raw = raw_exchange(socket, "{\"cmd\":\"stop\"}\n", false, 2000ms);
   CHECK(raw.closed);
   CHECK(raw.received == "{\"n\":1,\"ok\":true}\n");
}

TEST_CASE("a request longer than 64 KiB is refused without reaching the handler",
          "[control]") {
   TempDir dir;
   const auto socket = dir.path() / "ctl.sock";
   EchoHandler handler;
   RunningServer server(socket, handler);

   const std::string huge = "{\"cmd\":\"status\",\"pad\":\"" + std::string(70 * 1024, 'a') + "\"}\n";
   const auto raw = raw_exchange(socket, huge, false, 2000ms);
   CHECK(raw.closed);
   const auto answer = answer_of(raw.received);
   CHECK(answer.at("ok") == false);
   CHECK(answer.at("error") == "request exceeds 64 KiB");
   CHECK(*handler.calls == 0);
}

TEST_CASE("a request just under the bound is accepted", "[control]") {
   TempDir dir;
   const auto socket = dir.path() / "ctl.sock";
   EchoHandler handler;
   RunningServer server(socket, handler);

   const std::string big = "{\"cmd\":\"status\",\"pad\":\"" + std::string(60 * 1024, 'a') + "\"}\n";
   const auto answer = answer_of(raw_exchange(socket, big, false, 2000ms).received);
   CHECK(answer.at("ok") == true);
   CHECK(*handler.calls == 1);
}

TEST_CASE("malformed JSON is answered with the offset of the fault", "[control]") {
   TempDir dir;
   const auto socket = dir.path() / "ctl.sock";
   EchoHandler handler;
   RunningServer server(socket, handler);

   const auto answer = answer_of(raw_exchange(socket, "{\"cmd\": stat}\n", false, 2000ms).received);
   CHECK(answer.at("ok") == false);
   const auto error = answer.at("error").get<std::string>();
   CHECK_THAT(error, Catch::StartsWith("malformed JSON at offset 9: "));
   CHECK(*handler.calls == 0);
}

TEST_CASE("an unknown command is named in the error with the expected ones", "[control]") {
   TempDir dir;
   const auto socket = dir.path() / "ctl.sock";
   EchoHandler handler;
   RunningServer server(socket, handler);

   auto result = request(socket, json{{"cmd", "restart"}}, 2000ms);
   REQUIRE(std::holds_alternative<json>(result));
   CHECK(std::get<json>(result) ==
         json{{"ok", false}, {"error", "unknown command 'restart' (expected status, lamps, reload, stop, engine)"}});
   CHECK(*handler.calls == 0);
}

TEST_CASE("a request without a cmd string is refused", "[control]") {
   TempDir dir;
   const auto socket = dir.path() / "ctl.sock";
   EchoHandler handler;
   RunningServer server(socket, handler);

   for (const char *line : {"{\"cmd\":3}\n", "[\"status\"]\n", "{}\n"}) {
      const auto answer = answer_of(raw_exchange(socket, line, false, 2000ms).received);
      CHECK(answer.at("ok") == false);
   }
   CHECK(*handler.calls == 0);
}

TEST_CASE("a request ended by shutting down the sending side is served", "[control]") {
   TempDir dir;
   const auto socket = dir.path() / "ctl.sock";
   EchoHandler handler;
   RunningServer server(socket, handler);

   const auto answer = answer_of(raw_exchange(socket, "{\"cmd\":\"stop\"}", true, 2000ms).received);
   CHECK(answer == json{{"ok", true}, {"echo", "stop"}});
}

TEST_CASE("a client that sends nothing is dropped after five seconds", "[control][slow]") {
   TempDir dir;
   const auto socket = dir.path() / "ctl.sock";
   EchoHandler handler;
   RunningServer server(socket, handler);

   const auto raw = raw_exchange(socket, "", false, 8000ms);
   CHECK(raw.closed);
   CHECK(raw.received.empty());
   CHECK(raw.elapsed >= 4900ms);
   CHECK(raw.elapsed < 7000ms);
   // The server keeps serving others.
   CHECK(std::holds_alternative<json>(request(socket, json{{"cmd", "status"}}, 2000ms)));
}

TEST_CASE("a stale socket file left by a dead daemon is replaced", "[control]") {
   TempDir dir;
   const auto socket = dir.path() / "ctl.sock";
   make_stale_socket(socket);
   REQUIRE(std::filesystem::exists(socket));

   RunningServer server(socket, EchoHandler{});
   REQUIRE(server.started());
   CHECK(std::holds_alternative<json>(request(socket, json{{"cmd", "status"}}, 2000ms)));
}

TEST_CASE("a second server on the path of a live one is refused", "[control]") {
   TempDir dir;
   const auto socket = dir.path() / "ctl.sock";
   RunningServer first(socket, EchoHandler{});
   REQUIRE(first.started());

   RunningServer second(socket, EchoHandler{});
   CHECK_FALSE(second.started());
   CHECK(second.error() == "another portierd is already listening on " + socket.string());
   // The refusal left the first server's socket in place.
   CHECK(std::holds_alternative<json>(request(socket, json{{"cmd", "status"}}, 2000ms)));
}

TEST_CASE("a file that is not a socket is never replaced", "[control]") {
   TempDir dir;
   const auto socket = dir.path() / "ctl.sock";
   { std::ofstream(socket) << "precious"; }
   RunningServer server(socket, EchoHandler{});
   CHECK_FALSE(server.started());
   CHECK_THAT(server.error(), Catch::Contains("is not a socket"));
   CHECK(std::filesystem::file_size(socket) == 8);
}

TEST_CASE("the socket is private: file 0600 in a created folder 0700", "[control]") {
   TempDir dir;
   const auto socket = dir.path() / "run" / "portier" / "ctl.sock";
   RunningServer server(socket, EchoHandler{});
   REQUIRE(server.started());

   struct stat st {};
   REQUIRE(::stat(socket.c_str(), &st) == 0);
   CHECK(S_ISSOCK(st.st_mode));
   CHECK((st.st_mode & 07777) == 0600);
   for (const auto &folder : {dir.path() / "run", dir.path() / "run" / "portier"}) {
      REQUIRE(::stat(folder.c_str(), &st) == 0);
      CHECK((st.st_mode & 07777) == 0700);
   }
}

TEST_CASE("closing the server removes its socket file", "[control]") {
   TempDir dir;
   const auto socket = dir.path() / "ctl.sock";
   RunningServer server(socket, EchoHandler{});
   REQUIRE(std::filesystem::exists(socket));
   server.close();
   CHECK_FALSE(std::filesystem::exists(socket));
}

TEST_CASE("a socket path longer than sun_path allows is refused with its length",
          "[control]") {
   TempDir dir;
   const auto socket = dir.path() / (std::string(120, 's') + ".sock");
   RunningServer server(socket, EchoHandler{});
   CHECK_FALSE(server.started());
   CHECK_THAT(server.error(), Catch::StartsWith("control socket path is too long"));
}

TEST_CASE("the client says portierd is not running when no socket exists", "[control]") {
   TempDir dir;
   const auto socket = dir.path() / "ctl.sock";
   auto result = request(socket, json{{"cmd", "status"}}, 1000ms);
   REQUIRE(std::holds_alternative<std::string>(result));
   CHECK(std::get<std::string>(result) ==
         "portierd is not running (no socket at " + socket.string() + ")");
}

TEST_CASE("the client reports a refused connection on a stale socket", "[control]") {
   TempDir dir;
   const auto socket = dir.path() / "ctl.sock";
   make_stale_socket(socket);
   auto result = request(socket, json{{"cmd", "status"}}, 1000ms);
   REQUIRE(std::holds_alternative<std::string>(result));
   CHECK(std::get<std::string>(result) ==
         "portierd is not running (connection refused on " + socket.string() + ")");
}

TEST_CASE("the client gives up when the daemon does not answer in time", "[control]") {
   TempDir dir;
   const auto socket = dir.path() / "ctl.sock";
   auto held = std::make_shared<std::vector<Reply>>();
   RunningServer server(socket, [held](const json &, Reply reply) { held->push_back(reply); });

   auto result = request(socket, json{{"cmd", "reload"}}, 300ms);
   REQUIRE(std::holds_alternative<std::string>(result));
   CHECK(std::get<std::string>(result) ==
         "portierd did not answer on " + socket.string() + " within 300 ms");
   server.close();
   held->clear();  // the held replies would otherwise keep their sessions alive
}

TEST_CASE("an answer given just before the loop stops still reaches the client", "[control]") {
   // portierd answers "stop", stops its loop and then closes the server: the answer must not
   // depend on the loop running again.
   TempDir dir;
   const auto socket = dir.path() / "ctl.sock";
   boost::asio::io_context io;
   std::string error;
   auto server = portier::control::ControlServer::open(
       io, socket,
       [&io](const json &, const Reply &reply) {
          reply(json{{"ok", true}, {"message", "stopping"}});
          io.stop();
       },
       error);
   REQUIRE(server);
   std::thread loop([&io] { io.run(); });
   auto answer = std::async(std::launch::async,
                            [&] { return request(socket, json{{"cmd", "stop"}}, 2000ms); });
   loop.join();
   server->close();
   const auto result = answer.get();
   REQUIRE(std::holds_alternative<json>(result));
   CHECK(std::get<json>(result).at("message") == "stopping");
}
