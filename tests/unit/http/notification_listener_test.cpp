// SPDX-License-Identifier: GPL-3.0-or-later
// lib-http's inbound side: the request head parser's limits and errors, the query helpers, and
// the notification listener on 127.0.0.1 driven by raw sockets.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <string>

#include <catch2/catch.hpp>

#include "http_request_head.h"
#include "notification_listener.h"

using namespace portier::http;

namespace {

// Sends `request` to 127.0.0.1:port and returns everything answered until the listener closes
// (bounded by 3 s).
std::string exchange(int port, const std::string &request, bool half_close = false) {
   const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
   sockaddr_in addr{};
   addr.sin_family = AF_INET;
   addr.sin_port = htons(static_cast<std::uint16_t>(port));
   addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
   REQUIRE(::connect(fd, reinterpret_cast<sockaddr *>(&addr), sizeof addr) == 0);
   REQUIRE(::send(fd, request.data(), request.size(), MSG_NOSIGNAL) == static_cast<ssize_t>(request.size()));
   if (half_close) ::shutdown(fd, SHUT_WR);
   std::string answer;
   char buf[4096];
   for (int turn = 0; turn < 300; ++turn) {
      pollfd p{fd, POLLIN, 0};
      if (::poll(&p, 1, 10) <= 0) continue;
      const ssize_t n = ::recv(fd, buf, sizeof buf, 0);
      if (n <= 0) break;
      answer.append(buf, static_cast<std::size_t>(n));
   }
   ::close(fd);
   return answer;
}

std::string post(const std::string &target, const std::string &body) {
   return "POST " + target + " HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: " +
          std::to_string(body.size()) + "\r\n\r\n" + body;
}

}  // namespace

TEST_CASE("a request head gives method, path, query, lower-case fields and the body length") {
   RequestHead head;
   HeadProblem problem;
   const std::string text = "POST /hooks/presence?validationToken=a%3Ab+c HTTP/1.1\r\nHost: h\r\nContent-Length:  12 \r\n"
                            "Expect: 100-continue\r\n\r\n";
   REQUIRE(request_head_end(text) == text.size());
   REQUIRE(parse_request_head(text, head, problem));
   CHECK(head.method == "POST");
   CHECK(head.path == "/hooks/presence");
   CHECK(head.query == "validationToken=a%3Ab+c");
   CHECK(head.content_length == 12);
   CHECK(head.expect_continue);
   CHECK(head.header("host") == "h");
   std::string token;
   REQUIRE(query_value(head.query, "validationToken", token));
   CHECK(token == "a:b c");
   CHECK_FALSE(query_value(head.query, "other", token));
}

TEST_CASE("a head without its blank line is not complete") {
   CHECK(request_head_end("POST / HTTP/1.1\r\nHost: h\r\n") == std::string::npos);
}

TEST_CASE("malformed heads are refused with the status to answer and the byte offset") {
   RequestHead head;
   HeadProblem problem;
   CHECK_FALSE(parse_request_head("POST /x HTTP/2.0\r\n\r\n", head, problem));
   CHECK(problem.status == 505);
   CHECK_FALSE(parse_request_head("POST x HTTP/1.1\r\n\r\n", head, problem));
   CHECK(problem.status == 400);
   CHECK_FALSE(parse_request_head("POST /x HTTP/1.1\r\nno colon here\r\n\r\n", head, problem));
   CHECK(problem.text.find("at byte 18") != std::string::npos);
   CHECK_FALSE(parse_request_head("POST /x HTTP/1.1\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\n", head, problem));
   CHECK(problem.status == 400);
   CHECK_FALSE(parse_request_head("POST /x HTTP/1.1\r\nContent-Length: -3\r\n\r\n", head, problem));
   CHECK_FALSE(parse_request_head("POST /x\x01 HTTP/1.1\r\n\r\n", head, problem));
}

TEST_CASE("heads over 8 KiB or 64 fields are refused with 431") {
   RequestHead head;
   HeadProblem problem;
   std::string many = "POST /x HTTP/1.1\r\n";
   for (int i = 0; i < 65; ++i) many += "X-" + std::to_string(i) + ": v\r\n";
   CHECK_FALSE(parse_request_head(many + "\r\n", head, problem));
   CHECK(problem.status == 431);
   CHECK_FALSE(parse_request_head("POST /x HTTP/1.1\r\nX: " + std::string(kMaxRequestHead, 'a') + "\r\n\r\n", head, problem));
   CHECK(problem.status == 431);
}

TEST_CASE("the listener hands a POST's path, query and body to its handler and sends the answer") {
   NotificationListener listener;
   InboundRequest seen;
   REQUIRE(listener.start({}, [&](const InboundRequest &r) {
      seen = r;
      return InboundReply{202, "text/plain", "taken"};
   }).empty());
   REQUIRE(listener.port() > 0);
   const std::string answer = exchange(listener.port(), post("/hooks/p?tenant=1", R"({"value":[]})"));
   CHECK(answer.rfind("HTTP/1.1 202 Accepted\r\n", 0) == 0);
   CHECK(answer.find("\r\n\r\ntaken") != std::string::npos);
   CHECK(seen.path == "/hooks/p");
   CHECK(seen.query == "tenant=1");
   CHECK(seen.body == R"({"value":[]})");
}

TEST_CASE("the listener refuses what is not a bounded POST with a clear status") {
   NotificationListener listener;
   int calls = 0;
   ListenerOptions options;
   options.max_body = 100;
   options.request_timeout_ms = 300;
   REQUIRE(listener.start(options, [&](const InboundRequest &) {
      ++calls;
      return InboundReply{};
   }).empty());
   CHECK(exchange(listener.port(), "GET / HTTP/1.1\r\nHost: x\r\n\r\n").rfind("HTTP/1.1 405", 0) == 0);
   CHECK(exchange(listener.port(), "POST / HTTP/1.1\r\nHost: x\r\n\r\n").rfind("HTTP/1.1 411", 0) == 0);
   CHECK(exchange(listener.port(), "POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n").rfind("HTTP/1.1 411", 0) == 0);
   CHECK(exchange(listener.port(), post("/", std::string(101, 'a'))).rfind("HTTP/1.1 413", 0) == 0);
   CHECK(exchange(listener.port(), "POST / HTTP/1.1\r\nX: " + std::string(9000, 'a')).rfind("HTTP/1.1 431", 0) == 0);
   // a body shorter than announced: the request timeout answers
   CHECK(exchange(listener.port(), "POST / HTTP/1.1\r\nContent-Length: 10\r\n\r\nabc").rfind("HTTP/1.1 408", 0) == 0);
   CHECK(exchange(listener.port(), "BAD\r\n\r\n").rfind("HTTP/1.1 400", 0) == 0);
   CHECK(calls == 0);
   // and still serves a good one afterwards
   CHECK(exchange(listener.port(), post("/", "{}")).rfind("HTTP/1.1 200", 0) == 0);
   CHECK(calls == 1);
}

TEST_CASE("the listener names why it cannot start") {
   NotificationListener first;
   REQUIRE(first.start({}, [](const InboundRequest &) { return InboundReply{}; }).empty());
   NotificationListener second;
   ListenerOptions taken;
   taken.port = first.port();
   CHECK(second.start(taken, [](const InboundRequest &) { return InboundReply{}; }).find("bind 127.0.0.1:") == 0);
   NotificationListener third;
   ListenerOptions bad;
   bad.address = "not-an-address";
   CHECK(third.start(bad, [](const InboundRequest &) { return InboundReply{}; }).find("not an IPv4 or IPv6") !=
         std::string::npos);
}
