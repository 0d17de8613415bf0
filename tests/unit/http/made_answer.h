// SPDX-License-Identifier: GPL-3.0-or-later
// A made-up HTTP answer for lib-http's unit tests of the failed-request rules: no network.
#pragma once

#include <string>
#include <utility>

#include "http_client.h"

namespace portier::http::test {

// An answer with `status`, `body` and, when given, a Retry-After header.
inline HttpResult made_answer(long status, std::string body = {}, std::string retry_after = {}) {
   HttpResult r;
   r.response.status = status;
   r.response.body = std::move(body);
   if (!retry_after.empty()) r.response.headers.emplace_back("retry-after", std::move(retry_after));
   return r;
}

}  // namespace portier::http::test
