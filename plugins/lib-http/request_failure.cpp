// SPDX-License-Identifier: GPL-3.0-or-later
#include "request_failure.h"

#include "session_clock.h"

namespace portier::http {

std::optional<RequestFailure> request_failure(const HttpResult &result, RetryBackoff &backoff, std::int64_t slack_us,
                                              ErrorTextOf error_text) {
   RequestFailure f;
   if (!result.ok()) {
      f.why = result.error;
      f.wait_us = backoff.next_delay_us();
      return f;
   }
   const long status = result.response.status;
   if (status < 400) return std::nullopt;
   if (status == 429 || status >= 500) {
      f.wait_us = backoff.next_delay_us(retry_after_seconds(result.response), slack_us);
      f.why = status == 429 ? std::string("throttled (429)") : "HTTP " + std::to_string(status);
      return f;
   }
   const std::string code = error_text ? error_text(result.response.body) : std::string();
   f.why = "HTTP " + std::to_string(status) + (code.empty() ? "" : " " + code);
   f.wait_us = backoff.next_delay_us();
   return f;
}

std::string failure_text(const std::string &what, const RequestFailure &failure) {
   return what + ": " + failure.why + "; next attempt in " + seconds_text(failure.wait_us) + " s";
}

}  // namespace portier::http
