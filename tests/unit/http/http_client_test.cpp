// SPDX-License-Identifier: GPL-3.0-or-later
// lib-http's client against a local server: answers, JSON bodies, Retry-After, keep-alive,
// timeouts, cancelled requests, dropped connections and error texts without secrets.
#include <chrono>
#include <string>

#include <catch2/catch.hpp>

#include "http_client.h"
#include "test_server.h"

using namespace portier::http;
using portier::http::test::Reply;
using portier::http::test::TestServer;
using Catch::Matchers::Contains;

TEST_CASE("a GET returns the status, the body and the headers with lower-case names") {
   TestServer server({Reply{404, {"X-Trace: abc ", "Retry-After: 7"}, R"({"error":{}})"}});
   HttpClient client(HttpOptions{});
   const HttpResult r = client.send(HttpRequest{"GET", server.url("/users/x"), {}, ""});
   REQUIRE(r.ok());
   CHECK(r.response.status == 404);
   CHECK(r.response.body == R"({"error":{}})");
   CHECK(r.response.header("x-trace") == "abc");
   CHECK(r.response.header("X-TRACE") == "abc");
   CHECK(retry_after_seconds(r.response) == 7.0);
}

TEST_CASE("a JSON request sends its body, content type and bearer token") {
   TestServer server({Reply{200, {}, "{}"}});
   HttpClient client(HttpOptions{});
   const HttpResult r = client.send(json_request("POST", server.url("/v1.0/$batch"), R"({"ids":["a"]})", "tok"));
   REQUIRE(r.ok());
   const auto got = server.received();
   REQUIRE(got.size() == 1);
   CHECK_THAT(got[0].head, Contains("POST /v1.0/$batch HTTP/1.1"));
   CHECK_THAT(got[0].head, Contains("Content-Type: application/json"));
   CHECK_THAT(got[0].head, Contains("Authorization: Bearer tok"));
   CHECK(got[0].body == R"({"ids":["a"]})");
}

TEST_CASE("consecutive requests to one server reuse its connection") {
   TestServer server({Reply{200, {}, "one"}, Reply{200, {}, "two"}, Reply{200, {}, "three"}});
   HttpClient client(HttpOptions{});
   const HttpResult a = client.send(HttpRequest{"GET", server.url("/a"), {}, ""});
   const HttpResult b = client.send(json_request("PATCH", server.url("/b"), "{}"));
   const HttpResult c = client.send(HttpRequest{"DELETE", server.url("/c"), {}, ""});
   REQUIRE((a.ok() && b.ok() && c.ok()));
   CHECK(c.response.body == "three");
   CHECK(a.response.new_connections == 1);
   CHECK(b.response.new_connections == 0);
   CHECK(server.connections() == 1);
   CHECK_THAT(server.received()[2].head, Contains("DELETE /c HTTP/1.1"));
}

TEST_CASE("a refused connection is an error naming the URL without query or user info") {
   int port = 0;
   {
      TestServer gone({Reply{}});
      port = gone.port();
   }  // closed: nothing listens there now
   HttpClient client(HttpOptions{});
   const std::string url = "http://user:pw@127.0.0.1:" + std::to_string(port) + "/token?client_secret=hush";
   const HttpResult r = client.send(HttpRequest{"POST", url, {}, "x"});
   REQUIRE_FALSE(r.ok());
   CHECK_THAT(r.error, Contains("POST http://127.0.0.1:" + std::to_string(port) + "/token: "));
   CHECK(r.error.find("hush") == std::string::npos);
   CHECK(r.error.find("pw@") == std::string::npos);
}

TEST_CASE("an answer slower than the timeout is a timeout error") {
   TestServer server({Reply{200, {}, "late", 1500}});
   HttpOptions options;
   options.timeout_ms = 300;
   HttpClient client(options);
   const HttpResult r = client.send(HttpRequest{"GET", server.url("/slow"), {}, ""});
   REQUIRE_FALSE(r.ok());
   CHECK_THAT(r.error, Contains("GET " + server.url("/slow")));
   CHECK_THAT(r.error, Contains("imeout"));
}

TEST_CASE("a request waiting for its answer ends soon after cancel says so") {
   TestServer server({Reply{200, {}, "late", 3000}});
   HttpOptions options;
   options.timeout_ms = 10'000;
   const auto started = std::chrono::steady_clock::now();
   options.cancel = [started] { return std::chrono::steady_clock::now() - started > std::chrono::milliseconds(200); };
   HttpClient client(options);
   const HttpResult r = client.send(HttpRequest{"GET", server.url("/held"), {}, ""});
   const auto took = std::chrono::steady_clock::now() - started;
   REQUIRE_FALSE(r.ok());
   CHECK_THAT(r.error, Contains("GET " + server.url("/held")));
   // libcurl asks about once a second while nothing arrives
   CHECK(took < std::chrono::milliseconds(2500));
}

TEST_CASE("a connection closed without an answer is an error, and the next request works") {
   TestServer server({Reply{200, {}, "", 0, true}, Reply{200, {}, "", 0, true}, Reply{200, {}, "back"}});
   HttpClient client(HttpOptions{});
   const HttpResult dropped = client.send(HttpRequest{"GET", server.url("/x"), {}, ""});
   REQUIRE_FALSE(dropped.ok());
   CHECK_THAT(dropped.error, Contains("GET " + server.url("/x")));
   // the first drop came on a fresh connection, so libcurl did not retry it
   HttpResult again = client.send(HttpRequest{"GET", server.url("/x"), {}, ""});
   if (!again.ok()) again = client.send(HttpRequest{"GET", server.url("/x"), {}, ""});
   REQUIRE(again.ok());
   CHECK(again.response.body == "back");
}

TEST_CASE("an answer longer than max_body_bytes fails instead of growing") {
   TestServer server({Reply{200, {}, std::string(5000, 'x')}});
   HttpOptions options;
   options.max_body_bytes = 1000;
   HttpClient client(options);
   const HttpResult r = client.send(HttpRequest{"GET", server.url("/big"), {}, ""});
   REQUIRE_FALSE(r.ok());
   CHECK_THAT(r.error, Contains("longer than 1000 bytes"));
}

TEST_CASE("TLS verification is on unless switched off explicitly") {
   CHECK(HttpOptions{}.verify_tls);
   // a plain server behind an https URL: the handshake fails, and the error names the URL
   TestServer server({Reply{}});
   HttpOptions options;
   options.timeout_ms = 2000;
   HttpClient client(options);
   const std::string url = "https://127.0.0.1:" + std::to_string(server.port()) + "/";
   const HttpResult r = client.send(HttpRequest{"GET", url, {}, ""});
   REQUIRE_FALSE(r.ok());
   CHECK_THAT(r.error, Contains("GET " + url));
}

TEST_CASE("Retry-After takes decimals and ignores dates and garbage") {
   HttpResponse r;
   r.headers = {{"retry-after", "1.5"}};
   CHECK(retry_after_seconds(r) == 1.5);
   r.headers = {{"retry-after", "Wed, 21 Oct 2015 07:28:00 GMT"}};
   CHECK_FALSE(retry_after_seconds(r).has_value());
   r.headers = {};
   CHECK_FALSE(retry_after_seconds(r).has_value());
}
