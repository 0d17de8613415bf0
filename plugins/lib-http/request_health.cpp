// SPDX-License-Identifier: GPL-3.0-or-later
#include "request_health.h"

#include "session_clock.h"

namespace portier::http {

RequestHealth::RequestHealth(Host host, int backoff_min_seconds, int backoff_max_seconds, std::int64_t slack_us,
                             ErrorTextOf error_text) noexcept
    : host_(host), backoff_(backoff_min_seconds, backoff_max_seconds), slack_us_(slack_us), error_text_(error_text) {}

std::optional<RequestFailure> RequestHealth::fail(const HttpResult &result, HttpClient &connection) {
   auto failure = request_failure(result, backoff_, slack_us_, error_text_);
   if (!failure) return failure;
   // a broken connection is not kept alive for the next request
   if (!result.ok()) connection.reset_connection();
   hold(failure->wait_us);
   return failure;
}

bool RequestHealth::report_failure(const HttpResult &result, const std::string &what, HttpClient &connection,
                                   std::string &token) {
   const auto failure = fail(result, connection);
   if (!failure) return false;
   if (result.ok() && result.response.status == 401) token.clear();
   limited(failure_text(what, *failure));
   return true;
}

std::int64_t RequestHealth::back_off() {
   const std::int64_t wait_us = backoff_.next_delay_us();
   hold(wait_us);
   return wait_us;
}

void RequestHealth::hold(std::int64_t wait_us) { not_before_us_ = steady_us() + wait_us; }

void RequestHealth::ok(bool viewed, const std::function<std::string()> &running_text) {
   ok();
   if (degraded_ && viewed) running(running_text());
}

void RequestHealth::limited(const std::string &why) {
   degraded_ = true;
   reported_ = why;
   (void)host_.report_state(PORTIER_STATE_LIMITED, why);
}

void RequestHealth::running(const std::string &text) {
   degraded_ = false;
   reported_ = text;
   (void)host_.report_state(PORTIER_STATE_RUNNING, text);
}

}  // namespace portier::http
