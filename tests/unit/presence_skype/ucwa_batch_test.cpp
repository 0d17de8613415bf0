// SPDX-License-Identifier: GPL-3.0-or-later
// UCWA batching: the multipart/batching request and the parsing of its answer, in any order,
// with failing parts, and bounded.
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "ucwa_batch.h"

using namespace portier::skype;

TEST_CASE("a batch request holds one application/http part per GET") {
   const std::string body = batch_request_body("b1", "pool.example.org", {"/ucwa/a/people/anna@example.org/presence",
                                                                      "/ucwa/a/people/bert@example.org/presence"});
   CHECK(body.find("--b1\r\nContent-Type: application/http; msgtype=request\r\nContent-ID: <1>\r\n\r\n"
                   "GET /ucwa/a/people/anna@example.org/presence HTTP/1.1\r\nHost: pool.example.org\r\n") == 0);
   CHECK(body.find("Content-ID: <2>") != std::string::npos);
   CHECK(body.size() >= 8);
   CHECK(body.substr(body.size() - 8) == "--b1--\r\n");
   CHECK(batch_content_type("b1") == "multipart/batching;boundary=b1");
}

TEST_CASE("a batch answer's parts are read in any order, failing parts included") {
   const std::string body =
       "--77aa\r\nContent-Type: application/http; msgtype=response\r\nContent-ID: <2>\r\n\r\n"
       "HTTP/1.1 404 Not Found\r\nContent-Type: application/json\r\n\r\n"
       "{\"code\":\"NotFound\"}\r\n"
       "--77aa\r\nContent-Type: application/http; msgtype=response\r\n\r\n"
       "HTTP/1.1 200 OK\r\nContent-Type: application/json; charset=utf-8\r\n\r\n"
       "{\"availability\":\"Online\",\"_links\":{\"self\":{\"href\":\"/ucwa/a/people/anna@example.org/presence\"}}}\r\n"
       "--77aa--\r\n";
   auto parts = parse_batch_answer("multipart/batching; boundary=\"77aa\"", body);
   REQUIRE(parts.ok());
   REQUIRE(parts.value().size() == 2);
   CHECK(parts.value()[0].status == 404);
   CHECK(parts.value()[0].content_id == "2");
   CHECK(parts.value()[1].status == 200);
   CHECK(parts.value()[1].content_id.empty());
   CHECK(parts.value()[1].body.find("\"Online\"") != std::string::npos);
}

TEST_CASE("malformed batch answers fail with a position") {
   CHECK_FALSE(parse_batch_answer("application/json", "{}").ok());
   CHECK_FALSE(parse_batch_answer("multipart/batching;boundary=x", "no parts").ok());
   auto unclosed = parse_batch_answer("multipart/batching;boundary=x", "--x\r\n\r\nHTTP/1.1 200 OK\r\n\r\n{}");
   REQUIRE_FALSE(unclosed.ok());
   CHECK(unclosed.message().find("offset") != std::string::npos);
   auto no_status = parse_batch_answer("multipart/batching;boundary=x", "--x\r\n\r\nhello\r\n--x--");
   REQUIRE_FALSE(no_status.ok());
   CHECK(no_status.message().find("status line") != std::string::npos);
}

TEST_CASE("more parts than the bound are refused") {
   std::string body;
   for (std::size_t i = 0; i <= kMaxBatchParts; ++i) body += "--x\r\n\r\nHTTP/1.1 200 OK\r\n\r\n{}\r\n";
   body += "--x--";
   auto parts = parse_batch_answer("multipart/batching;boundary=x", body);
   REQUIRE_FALSE(parts.ok());
   CHECK(parts.message().find("more than") != std::string::npos);
}

TEST_CASE("host and path of a URL") {
   CHECK(host_of("https://pool.example.org:4443/ucwa/x?y=1") == "pool.example.org:4443");
   CHECK(path_of("https://pool.example.org:4443/ucwa/x?y=1") == "/ucwa/x?y=1");
   CHECK(path_of("http://127.0.0.1:9") == "/");
}
