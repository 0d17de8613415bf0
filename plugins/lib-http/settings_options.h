// SPDX-License-Identifier: GPL-3.0-or-later
// The HttpOptions a cloud presence plugin's REST calls share: CA file, verification, proxy and
// timeouts from its settings (any settings type with those members), under its own user agent.
#pragma once

#include <algorithm>
#include <string>
#include <utility>

#include "http_client.h"

namespace portier::http {

// `s` needs ca_file, verify_tls, proxy and timeout_seconds. The connect timeout is the request
// timeout, at most 10 s: a dead host is noticed early even when a long poll may take longer.
template <class Settings>
HttpOptions options_from_settings(const Settings &s, std::string user_agent) {
   HttpOptions o;
   o.ca_file = s.ca_file;
   o.verify_tls = s.verify_tls;
   o.proxy = s.proxy;
   o.timeout_ms = s.timeout_seconds * 1000L;
   o.connect_timeout_ms = std::min(o.timeout_ms, 10'000L);
   o.user_agent = std::move(user_agent);
   return o;
}

}  // namespace portier::http
