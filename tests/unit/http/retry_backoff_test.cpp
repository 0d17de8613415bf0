// SPDX-License-Identifier: GPL-3.0-or-later
// lib-http's backoff (retry_backoff.h) and the failed-request rule of the cloud presence
// plugins' sessions (request_failure.h), on made-up results: no network.
#include <catch2/catch.hpp>

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>

#include "made_answer.h"
#include "request_failure.h"
#include "retry_backoff.h"

using portier::http::failure_text;
using portier::http::HttpResult;
using portier::http::request_failure;
using portier::http::retry_after_wait_us;
using portier::http::test::made_answer;
using portier::http::RetryBackoff;

namespace {

constexpr std::int64_t kBackoffSecond = 1'000'000;  // unity batches: names unique across the test files

std::string fake_error_code(std::string_view body) { return body.empty() ? std::string() : "Code:" + std::string(body); }

}  // namespace

TEST_CASE("backoff delays double up to the maximum and start again after a success") {
   RetryBackoff b(1, 5);
   CHECK(b.next_delay_us() == 1 * kBackoffSecond);
   CHECK(b.next_delay_us() == 2 * kBackoffSecond);
   CHECK(b.next_delay_us() == 4 * kBackoffSecond);
   CHECK(b.next_delay_us() == 5 * kBackoffSecond);
   CHECK(b.next_delay_us() == 5 * kBackoffSecond);
   CHECK(b.failures() == 5);
   b.reset();
   CHECK(b.next_delay_us() == 1 * kBackoffSecond);
}

TEST_CASE("a backoff maximum below its minimum waits the minimum, never less") {
   RetryBackoff b(10, 5);
   CHECK(b.next_delay_us() == 10 * kBackoffSecond);
   CHECK(b.next_delay_us() == 10 * kBackoffSecond);
}

TEST_CASE("many failures in a row stay at the maximum without overflowing") {
   RetryBackoff b(1, 3600);
   std::int64_t last = 0;
   for (int i = 0; i < 200; ++i) last = b.next_delay_us();
   CHECK(last == 3600 * kBackoffSecond);
}

TEST_CASE("a Retry-After decides the wait, rounded up with the slack, and does not advance the doubling") {
   RetryBackoff b(1, 60);
   CHECK(b.next_delay_us(2.5, 50'000) == 2'550'000);
   CHECK(b.next_delay_us(0.0000001, 0) == 1);
   CHECK(b.failures() == 0);
   CHECK(b.next_delay_us(std::nullopt, 50'000) == 1 * kBackoffSecond);
   CHECK(b.next_delay_us(std::nullopt, 50'000) == 2 * kBackoffSecond);
   CHECK(retry_after_wait_us(30, 100'000) == 30'100'000);
}

TEST_CASE("an answer below 400 is no failure and leaves the backoff alone") {
   RetryBackoff b(1, 60);
   CHECK_FALSE(request_failure(made_answer(200), b, 0, fake_error_code));
   CHECK_FALSE(request_failure(made_answer(304), b, 0, fake_error_code));
   CHECK(b.failures() == 0);
}

TEST_CASE("a transport error backs off and says what failed") {
   RetryBackoff b(2, 60);
   HttpResult dropped;
   dropped.error = "GET https://graph.test/v1.0: connection reset";
   const auto f = request_failure(dropped, b, 50'000, fake_error_code);
   REQUIRE(f);
   CHECK(f->why == dropped.error);
   CHECK(f->wait_us == 2 * kBackoffSecond);
   CHECK(failure_text("presence read", *f) == "presence read: " + dropped.error + "; next attempt in 2.0 s");
}

TEST_CASE("a 429 or 5xx waits for Retry-After when given, else backs off") {
   RetryBackoff b(1, 60);
   auto f = request_failure(made_answer(429, "", "3"), b, 50'000, fake_error_code);
   REQUIRE(f);
   CHECK(f->why == "throttled (429)");
   CHECK(f->wait_us == 3'050'000);
   f = request_failure(made_answer(503, "Busy"), b, 50'000, fake_error_code);
   REQUIRE(f);
   CHECK(f->why == "HTTP 503");  // a 5xx body is not read for a code
   CHECK(f->wait_us == 1 * kBackoffSecond);
   f = request_failure(made_answer(429), b, 50'000, fake_error_code);
   REQUIRE(f);
   CHECK(f->wait_us == 2 * kBackoffSecond);
}

TEST_CASE("a 4xx backs off and names the service's error code after its status") {
   RetryBackoff b(1, 60);
   auto f = request_failure(made_answer(403, "Forbidden"), b, 0, fake_error_code);
   REQUIRE(f);
   CHECK(f->why == "HTTP 403 Code:Forbidden");
   CHECK(f->wait_us == 1 * kBackoffSecond);
   f = request_failure(made_answer(404), b, 0, fake_error_code);
   REQUIRE(f);
   CHECK(f->why == "HTTP 404");
   f = request_failure(made_answer(400, "x"), b, 0, nullptr);
   REQUIRE(f);
   CHECK(f->why == "HTTP 400");
}
