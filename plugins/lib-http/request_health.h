// SPDX-License-Identifier: GPL-3.0-or-later
// The request health of a cloud presence plugin's session (presence.teams, presence.circuit,
// presence.skype, presence.unify-office): the wait before its next REST request (Retry-After or
// the backoff), and whether it reported LIMITED last, so RUNNING is reported once when requests
// succeed again. The session keeps its own words for the state texts and its own reaction to a
// failure (a 401 drops its token). Owned by the session, by value; it borrows the Host (valid
// while the plugin lives) and the HttpClient passed to fail(). Thread tag: [one thread: the
// session's].
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>

#include <portier/host.hpp>

#include "http_client.h"
#include "request_failure.h"
#include "retry_backoff.h"

namespace portier::http {

// Added to a Retry-After: the server's clock and ours differ; the next request must not be early.
inline constexpr std::int64_t kRetryAfterSlackUs = 50'000;

class RequestHealth {
public:
   // Backoff from `backoff_min_seconds` doubling to `backoff_max_seconds` (the plugin's
   // settings); `slack_us` is added to every Retry-After; `error_text` (may be null) names a
   // 4xx's code in the failure text. Starts degraded: the session reports its starting state.
   // Never fails. [any; then the session thread]
   RequestHealth(Host host, int backoff_min_seconds, int backoff_max_seconds, std::int64_t slack_us,
                 ErrorTextOf error_text) noexcept;

   // After a request: nullopt for an answer below 400 (nothing changes). Else the failure
   // (request_failure.h), with the wait before the next request set from it and `connection`
   // reset when it was a transport error. Reports nothing: the caller adds its own reaction and
   // reports failure_text(what, failure) through limited(). Never throws. [session]
   std::optional<RequestFailure> fail(const HttpResult &result, HttpClient &connection);

   // The usual handling of a failed request for a session with a bearer token: fail(), then
   // `token` dropped on a 401 (the next turn fetches a new one) and LIMITED reported as
   // failure_text(what, failure). False when `result` is no failure (nothing changes). [session]
   bool report_failure(const HttpResult &result, const std::string &what, HttpClient &connection, std::string &token);

   // A failure the session judged itself (a 200 it cannot read, a secret not set): waits the
   // next backoff step, which it returns (microseconds). [session]
   std::int64_t back_off();

   // Waits `wait_us` from now without advancing the backoff (a service's own rule, a throttled
   // part of a batch). [session]
   void hold(std::int64_t wait_us);

   // The steady time (session_clock.h) before which nothing is sent, and whether `now_us` is
   // still before it. [session]
   std::int64_t not_before_us() const noexcept { return not_before_us_; }
   bool waiting(std::int64_t now_us) const noexcept { return now_us < not_before_us_; }

   // A request succeeded: the next failure waits only the backoff's minimum again. [session]
   void ok() noexcept { backoff_.reset(); }

   // The same, and when the session is degraded and `viewed` (it has its first full view),
   // reports RUNNING with `running_text()` (called only then). [session]
   void ok(bool viewed, const std::function<std::string()> &running_text);

   // Reports LIMITED with `why` (the session's words) and marks the session degraded. [session]
   void limited(const std::string &why);

   // Reports RUNNING with `text` and clears degraded. [session]
   void running(const std::string &text);

   // True from limited() (and from the start) until running(). [session]
   bool degraded() const noexcept { return degraded_; }

   // The text last reported by limited() or running(), so a session can leave out repeats.
   const std::string &reported() const noexcept { return reported_; }

   // The backoff itself, for a session's own use of its steps (and for tests). [session]
   RetryBackoff &backoff() noexcept { return backoff_; }

private:
   Host host_;
   RetryBackoff backoff_;
   std::int64_t slack_us_;
   ErrorTextOf error_text_;
   std::int64_t not_before_us_ = 0;
   bool degraded_ = true;
   std::string reported_;
};

}  // namespace portier::http
