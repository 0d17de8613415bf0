// SPDX-License-Identifier: GPL-3.0-or-later
// What a cloud presence plugin's session does after a failed REST request: how long it waits and
// how the failure reads in its state report. One rule for presence.teams, presence.circuit,
// presence.skype and presence.unify-office: a transport error and a 4xx back off; a 429 or 5xx
// waits for Retry-After when given, else backs off. Thread tag: [one thread: the session's].
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "http_client.h"
#include "retry_backoff.h"

namespace portier::http {

struct RequestFailure {
   std::string why;          // "throttled (429)", "HTTP 503", "HTTP 400 InvalidRequest", or the transport error
   std::int64_t wait_us = 0;  // before the next request
};

// The service's error code or text in a 4xx body ("" when it has none); must not throw.
using ErrorTextOf = std::string (*)(std::string_view body);

// nullopt when `result` is an answer below 400 (no failure; the backoff is untouched). Else the
// failure, with the backoff advanced unless Retry-After decided the wait (`slack_us` is added to
// it). `error_text` (may be null) names a 4xx's code after its status. Never throws. [session]
std::optional<RequestFailure> request_failure(const HttpResult &result, RetryBackoff &backoff, std::int64_t slack_us,
                                              ErrorTextOf error_text);

// `what` ("presence read"), the failure and its wait as one state text:
// "presence read: HTTP 503; next attempt in 2.0 s". [any]
std::string failure_text(const std::string &what, const RequestFailure &failure);

}  // namespace portier::http
