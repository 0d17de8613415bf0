// SPDX-License-Identifier: GPL-3.0-or-later
#include <catch2/catch.hpp>

#include "request_guard.h"

namespace web = portier::web;

TEST_CASE("POST, PUT, PATCH and DELETE change state, GET and HEAD do not") {
   for (const char *m : {"POST", "PUT", "PATCH", "DELETE"}) CHECK(web::changes_state(m));
   for (const char *m : {"GET", "HEAD", "OPTIONS"}) CHECK_FALSE(web::changes_state(m));
}

TEST_CASE("an Origin with the Host's host and port is the same origin, default ports included") {
   CHECK(web::same_origin("http://127.0.0.1:8080", "127.0.0.1:8080", false));
   CHECK(web::same_origin("http://Console.Example", "console.example:80", false));
   CHECK(web::same_origin("https://console.example", "console.example", true));
   CHECK(web::same_origin("https://console.example:443", "console.example", true));
   CHECK(web::same_origin("http://[::1]:8080", "[::1]:8080", false));
}

TEST_CASE("another host, port or scheme is a different origin") {
   CHECK_FALSE(web::same_origin("http://evil.example:8080", "127.0.0.1:8080", false));
   CHECK_FALSE(web::same_origin("http://127.0.0.1:8081", "127.0.0.1:8080", false));
   CHECK_FALSE(web::same_origin("http://127.0.0.1:8080", "127.0.0.1:8080", true));
   CHECK_FALSE(web::same_origin("https://console.example", "console.example", false));
   CHECK_FALSE(web::same_origin("null", "127.0.0.1:8080", false));
   CHECK_FALSE(web::same_origin("http://127.0.0.1:8080/path", "127.0.0.1:8080", false));
   CHECK_FALSE(web::same_origin("http://127.0.0.1:99999", "127.0.0.1:99999", false));
   CHECK_FALSE(web::same_origin("http://", "", false));
}

TEST_CASE("a state-changing request without the session's CSRF token is refused") {
   web::GuardInput in{"DELETE", std::nullopt, "127.0.0.1:8080", false, "", std::string_view("tok"), false};
   CHECK(web::refuse_request(in).value_or("").find("missing X-CSRF-Token") != std::string::npos);
   in.csrf_header = "wrong";
   CHECK(web::refuse_request(in).value_or("").find("does not match") != std::string::npos);
   in.csrf_header = "tok";
   CHECK_FALSE(web::refuse_request(in));
}

TEST_CASE("a token without a session is refused") {
   web::GuardInput in{"POST", std::nullopt, "127.0.0.1:8080", false, "tok", std::nullopt, false};
   CHECK(web::refuse_request(in));
}

TEST_CASE("log-on needs no CSRF token but still a same-origin Origin") {
   web::GuardInput in{"POST", std::nullopt, "127.0.0.1:8080", false, "", std::nullopt, true};
   CHECK_FALSE(web::refuse_request(in));
   in.origin = "http://evil.example";
   CHECK(web::refuse_request(in).value_or("").find("cross-origin") != std::string::npos);
}

TEST_CASE("a GET needs no token, but a foreign Origin is refused") {
   web::GuardInput in{"GET", std::nullopt, "127.0.0.1:8080", false, "", std::nullopt, false};
   CHECK_FALSE(web::refuse_request(in));
   in.origin = "http://127.0.0.1:8080";
   CHECK_FALSE(web::refuse_request(in));
   in.origin = "http://localhost:8080";
   CHECK(web::refuse_request(in));
}
