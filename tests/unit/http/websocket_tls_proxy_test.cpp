// SPDX-License-Identifier: GPL-3.0-or-later
// The WebSocket client's wss:// and proxy paths against WsTestServer in its TLS and CONNECT modes
// (a certificate for 127.0.0.1 made at run time).
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>

#include <unistd.h>

#include <catch2/catch.hpp>

#include "test_certificate.h"
#include "websocket_client.h"
#include "ws_test_server.h"

namespace portier::http {
namespace {

using Kind = WebSocketEvent::Kind;
using namespace std::chrono_literals;

WebSocketOptions short_timeouts() {
   WebSocketOptions o;
   o.connect_timeout_ms = 3000;
   o.write_timeout_ms = 2000;
   return o;
}

std::string wss_url(const test::WsTestServer &s, const std::string &path) {
   return "wss://127.0.0.1:" + std::to_string(s.port()) + path;
}

// Sends `text` and expects the server's echo of it.
void check_echo(WebSocketClient &ws, const std::string &text) {
   REQUIRE(ws.send_text(text) == "");
   const WebSocketEvent ev = ws.read(3s);
   REQUIRE(ev.kind == Kind::message);
   CHECK(ev.text == "echo: " + text);
}

// The certificate as a PEM file for `ca_file`, removed with this object.
struct CaFile {
   explicit CaFile(const std::string &pem)
       : path(std::filesystem::temp_directory_path() / ("portier-ws-ca-" + std::to_string(::getpid()) + ".pem")) {
      std::ofstream(path) << pem;
   }
   ~CaFile() { std::filesystem::remove(path); }
   std::filesystem::path path;
};

TEST_CASE("wss:// without verification talks TLS to the server and surfaces its close", "[websocket]") {
   test::WsTestServer server(test::make_test_certificate());
   WebSocketOptions o = short_timeouts();
   o.verify_tls = false;
   WebSocketClient ws(o);
   REQUIRE(ws.connect(wss_url(server, "/secure?token=t2")) == "");
   check_echo(ws, "over tls");
   CHECK(server.request_lines().at(0) == "GET /secure?token=t2 HTTP/1.1");
   REQUIRE(ws.send_text("close-me") == "");
   const WebSocketEvent ev = ws.read(3s);
   REQUIRE(ev.kind == Kind::closed);
   CHECK(ev.close_code == 4000);
   CHECK(ev.close_reason == "bye");
}

TEST_CASE("wss:// refuses a certificate it does not trust and accepts it from ca_file", "[websocket]") {
   const test::TestCertificate cert = test::make_test_certificate();
   test::WsTestServer server(cert);
   WebSocketOptions o = short_timeouts();
   o.ca_file = "/nonexistent/portier-ca.pem";
   CHECK(WebSocketClient(o).connect(wss_url(server, "/")).find("TLS trust (/nonexistent/portier-ca.pem)") !=
         std::string::npos);

   WebSocketClient untrusting(short_timeouts());  // the system's CAs only
   const std::string refused = untrusting.connect(wss_url(server, "/?token=s3cret"));
   CHECK(refused.find("TLS") != std::string::npos);
   CHECK(refused.find("s3cret") == std::string::npos);
   CHECK_FALSE(untrusting.is_open());

   const CaFile ca(cert.cert_pem);
   o.ca_file = ca.path.string();
   WebSocketClient trusting(o);
   REQUIRE(trusting.connect(wss_url(server, "/")) == "");
   check_echo(trusting, "trusted");
   trusting.close(1000, "done");
   CHECK_FALSE(trusting.is_open());
}

TEST_CASE("ws:// and wss:// go through an HTTP proxy with CONNECT to the URL's host", "[websocket]") {
   SECTION("plain") {
      test::WsTestServer server;
      WebSocketOptions o = short_timeouts();
      o.proxy = "http://127.0.0.1:" + std::to_string(server.port());
      WebSocketClient ws(o);
      REQUIRE(ws.connect("ws://events.example.invalid/push") == "");
      check_echo(ws, "tunnelled");
      CHECK(server.request_lines().at(0) == "CONNECT events.example.invalid:80 HTTP/1.1");
      CHECK(server.request_lines().at(1) == "GET /push HTTP/1.1");
   }
   SECTION("TLS") {
      test::WsTestServer server(test::make_test_certificate());
      WebSocketOptions o = short_timeouts();
      o.verify_tls = false;
      o.proxy = "http://127.0.0.1:" + std::to_string(server.port());
      WebSocketClient ws(o);
      REQUIRE(ws.connect("wss://events.example.invalid:8443/push") == "");
      check_echo(ws, "tunnelled over tls");
      CHECK(server.request_lines().at(0) == "CONNECT events.example.invalid:8443 HTTP/1.1");
      CHECK(server.request_lines().at(1) == "GET /push HTTP/1.1");
   }
}

}  // namespace
}  // namespace portier::http
