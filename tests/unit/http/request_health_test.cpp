// SPDX-License-Identifier: GPL-3.0-or-later
// lib-http's request health of the cloud presence sessions (request_health.h), on made-up results
// and a host that records the states reported: no network.
#include <catch2/catch.hpp>

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <portier/host.hpp>

#include "http_client.h"
#include "made_answer.h"
#include "request_health.h"
#include "session_clock.h"

using portier::http::HttpClient;
using portier::http::HttpResult;
using portier::http::kRetryAfterSlackUs;
using portier::http::RequestHealth;
using portier::http::steady_us;
using portier::http::test::made_answer;

namespace {

constexpr std::int64_t kHealthSecond = 1'000'000;  // unity batches: names unique across the test files

struct ReportedState {
   std::int32_t state;
   std::string reason;
};

// The states a session reported, through a host table with report_state only.
struct StateRecorder {
   std::vector<ReportedState> states;
   portier_host table{};

   StateRecorder() {
      table.struct_size = sizeof(portier_host);
      table.ctx = reinterpret_cast<portier_host_ctx *>(this);
      table.report_state = [](portier_host_ctx *ctx, std::int32_t state, portier_str reason) -> portier_status {
         auto *self = reinterpret_cast<StateRecorder *>(ctx);
         self->states.push_back({state, std::string(reason.data, reason.size)});
         return PORTIER_OK;
      };
   }
   portier::Host host() const { return portier::Host(&table); }
   std::size_t count(std::int32_t state) const {
      std::size_t n = 0;
      for (const ReportedState &s : states) n += s.state == state ? 1 : 0;
      return n;
   }
};

std::string no_error_text(std::string_view) { return {}; }

// The wait set by the last call, measured from `before` (steady_us just before the call) to
// within the few microseconds the call took.
bool waits_about(const RequestHealth &health, std::int64_t before, std::int64_t wait_us) {
   const std::int64_t set = health.not_before_us() - before;
   return set >= wait_us && set < wait_us + 100'000;
}

}  // namespace

TEST_CASE("a 429 with Retry-After waits that long plus the slack, without advancing the backoff") {
   StateRecorder rec;
   HttpClient connection{portier::http::HttpOptions{}};
   RequestHealth health(rec.host(), 1, 60, kRetryAfterSlackUs, no_error_text);
   const std::int64_t before = steady_us();
   const auto failure = health.fail(made_answer(429, "", "3"), connection);
   REQUIRE(failure);
   CHECK(failure->why == "throttled (429)");
   CHECK(failure->wait_us == 3 * kHealthSecond + kRetryAfterSlackUs);
   CHECK(waits_about(health, before, 3 * kHealthSecond + kRetryAfterSlackUs));
   CHECK(health.waiting(before));
   CHECK(health.backoff().failures() == 0);
   CHECK(rec.states.empty());  // the session reports, in its own words
}

TEST_CASE("failures without Retry-After wait the backoff's steps, from min doubling to max") {
   StateRecorder rec;
   HttpClient connection{portier::http::HttpOptions{}};
   RequestHealth health(rec.host(), 2, 5, kRetryAfterSlackUs, no_error_text);
   std::int64_t before = steady_us();
   CHECK(health.fail(made_answer(503), connection)->wait_us == 2 * kHealthSecond);
   CHECK(waits_about(health, before, 2 * kHealthSecond));
   HttpResult dropped;
   dropped.error = "connection refused";
   before = steady_us();
   const auto failure = health.fail(dropped, connection);
   REQUIRE(failure);
   CHECK(failure->why == "connection refused");
   CHECK(waits_about(health, before, 4 * kHealthSecond));
   before = steady_us();
   CHECK(health.back_off() == 5 * kHealthSecond);
   CHECK(waits_about(health, before, 5 * kHealthSecond));
   health.ok();
   CHECK(health.back_off() == 2 * kHealthSecond);
}

TEST_CASE("an answer below 400 is no failure: no wait, the backoff untouched") {
   StateRecorder rec;
   HttpClient connection{portier::http::HttpOptions{}};
   RequestHealth health(rec.host(), 1, 60, kRetryAfterSlackUs, no_error_text);
   CHECK_FALSE(health.fail(made_answer(200), connection));
   CHECK_FALSE(health.waiting(steady_us()));
   CHECK(health.backoff().failures() == 0);
}

TEST_CASE("a session is degraded from the start and after limited until it reports running") {
   StateRecorder rec;
   RequestHealth health(rec.host(), 1, 60, kRetryAfterSlackUs, no_error_text);
   CHECK(health.degraded());
   health.limited("presence read: HTTP 503; next attempt in 1.0 s");
   CHECK(health.degraded());
   REQUIRE(rec.states.size() == 1);
   CHECK(rec.states[0].state == PORTIER_STATE_LIMITED);
   CHECK(rec.states[0].reason == "presence read: HTTP 503; next attempt in 1.0 s");
   health.running("polling presence of 2 users");
   CHECK_FALSE(health.degraded());
}

TEST_CASE("RUNNING is reported once on recovery, and only after the first full view") {
   StateRecorder rec;
   HttpClient connection{portier::http::HttpOptions{}};
   RequestHealth health(rec.host(), 1, 60, kRetryAfterSlackUs, no_error_text);
   int texts_built = 0;
   const auto running_text = [&texts_built] {
      ++texts_built;
      return std::string("polling presence of 3 users");
   };
   health.ok(false, running_text);  // a success before the view is complete
   CHECK(health.degraded());
   CHECK(rec.count(PORTIER_STATE_RUNNING) == 0);
   REQUIRE(health.fail(made_answer(500), connection));
   health.limited("presence read: HTTP 500; next attempt in 1.0 s");
   health.ok(true, running_text);
   health.ok(true, running_text);
   CHECK_FALSE(health.degraded());
   CHECK(rec.count(PORTIER_STATE_RUNNING) == 1);
   CHECK(texts_built == 1);
   CHECK(rec.states.back().reason == "polling presence of 3 users");
   CHECK(health.backoff().failures() == 0);  // the next failure waits the minimum again
}

TEST_CASE("a wait the session decides holds requests back without touching the backoff") {
   StateRecorder rec;
   RequestHealth health(rec.host(), 1, 60, kRetryAfterSlackUs, no_error_text);
   const std::int64_t before = steady_us();
   health.hold(30 * kHealthSecond);
   CHECK(waits_about(health, before, 30 * kHealthSecond));
   CHECK(health.waiting(before + 29 * kHealthSecond));
   CHECK_FALSE(health.waiting(before + 31 * kHealthSecond));
   CHECK(health.backoff().failures() == 0);
}

TEST_CASE("the usual failure handling drops the token on a 401 and reports LIMITED with the wait") {
   StateRecorder rec;
   HttpClient connection{portier::http::HttpOptions{}};
   RequestHealth health(rec.host(), 2, 60, kRetryAfterSlackUs, no_error_text);
   std::string token = "t0k3n";
   CHECK_FALSE(health.report_failure(made_answer(200), "presence read", connection, token));
   CHECK(token == "t0k3n");
   CHECK(rec.states.empty());
   CHECK(health.report_failure(made_answer(401), "presence read", connection, token));
   CHECK(token.empty());
   REQUIRE(rec.states.size() == 1);
   CHECK(rec.states[0].state == PORTIER_STATE_LIMITED);
   CHECK(rec.states[0].reason == "presence read: HTTP 401; next attempt in 2.0 s");
   CHECK(health.reported() == rec.states[0].reason);
   CHECK(health.degraded());
   token = "again";
   CHECK(health.report_failure(made_answer(503), "token", connection, token));
   CHECK(token == "again");  // only a 401 drops it
   CHECK(rec.states.back().reason == "token: HTTP 503; next attempt in 4.0 s");
}
