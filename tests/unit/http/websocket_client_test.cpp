// SPDX-License-Identifier: GPL-3.0-or-later
#include <chrono>
#include <string>
#include <thread>

#include <catch2/catch.hpp>

#include "websocket_client.h"
#include "ws_test_server.h"

namespace portier::http {
namespace {

using Kind = WebSocketEvent::Kind;
using namespace std::chrono_literals;

std::string ws_url(const test::WsTestServer &s, const std::string &path) {
   return "ws://127.0.0.1:" + std::to_string(s.port()) + path;
}

WebSocketOptions quick() {
   WebSocketOptions o;
   o.connect_timeout_ms = 3000;
   o.write_timeout_ms = 2000;
   return o;
}

TEST_CASE("a text message goes out and the server's answer comes back", "[websocket]") {
   test::WsTestServer server;
   WebSocketClient ws(quick());
   REQUIRE(ws.connect(ws_url(server, "/channel?token=t1")) == "");
   REQUIRE(ws.is_open());
   REQUIRE(ws.send_text("hello") == "");
   const WebSocketEvent ev = ws.read(3s);
   REQUIRE(ev.kind == Kind::message);
   CHECK(ev.text == "echo: hello");
   CHECK(server.request_lines().at(0) == "GET /channel?token=t1 HTTP/1.1");
   ws.close(1000, "done");
   CHECK_FALSE(ws.is_open());
}

TEST_CASE("a read that finds nothing times out and leaves the connection usable", "[websocket]") {
   test::WsTestServer server;
   WebSocketClient ws(quick());
   REQUIRE(ws.connect(ws_url(server, "/")) == "");
   const auto start = std::chrono::steady_clock::now();
   CHECK(ws.read(100ms).kind == Kind::timeout);
   CHECK(std::chrono::steady_clock::now() - start < 2s);
   REQUIRE(ws.send_text("still there") == "");
   const WebSocketEvent ev = ws.read(3s);
   REQUIRE(ev.kind == Kind::message);
   CHECK(ev.text == "echo: still there");
}

TEST_CASE("the server's close code and reason reach the caller", "[websocket]") {
   test::WsTestServer server;
   WebSocketClient ws(quick());
   REQUIRE(ws.connect(ws_url(server, "/")) == "");
   REQUIRE(ws.send_text("close-me") == "");
   const WebSocketEvent ev = ws.read(3s);
   REQUIRE(ev.kind == Kind::closed);
   CHECK(ev.close_code == 4000);
   CHECK(ev.close_reason == "bye");
   CHECK_FALSE(ws.is_open());
}

TEST_CASE("a refused upgrade names the HTTP status but not the token in the URL", "[websocket]") {
   test::WsTestServer server;
   WebSocketClient ws(quick());
   const std::string error = ws.connect(ws_url(server, "/refuse?access_token=s3cret"));
   CHECK(error.find("401") != std::string::npos);
   CHECK(error.find("s3cret") == std::string::npos);
   CHECK_FALSE(ws.is_open());
}

TEST_CASE("a refused connection and a wrong URL are errors, not exceptions", "[websocket]") {
   WebSocketClient ws(quick());
   CHECK(ws.connect("http://127.0.0.1:1/") != "");
   CHECK(ws.connect("ws://127.0.0.1:1/") != "");
   CHECK(ws.read(10ms).kind == Kind::error);
}

TEST_CASE("interrupt from another thread ends a waiting read at once", "[websocket]") {
   test::WsTestServer server;
   WebSocketClient ws(quick());
   REQUIRE(ws.connect(ws_url(server, "/")) == "");
   std::thread stopper([&ws] {
      std::this_thread::sleep_for(100ms);
      ws.interrupt();
   });
   const auto start = std::chrono::steady_clock::now();
   const WebSocketEvent ev = ws.read(10s);
   stopper.join();
   CHECK(ev.kind == Kind::error);
   CHECK(std::chrono::steady_clock::now() - start < 3s);
   CHECK_FALSE(ws.is_open());
}

}  // namespace
}  // namespace portier::http
