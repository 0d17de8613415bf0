// SPDX-License-Identifier: GPL-3.0-or-later
// The HTTP options of every REST call of presence.unify-office (the session's and the channel's
// wstoken request): CA file, verification, proxy and timeouts from the settings.
#pragma once

#include <algorithm>

#include "http_client.h"
#include "office_settings.h"

namespace portier::office {

inline http::HttpOptions http_options(const OfficeSettings &s) {
   http::HttpOptions o;
   o.ca_file = s.ca_file;
   o.verify_tls = s.verify_tls;
   o.proxy = s.proxy;
   o.timeout_ms = s.timeout_seconds * 1000L;
   o.connect_timeout_ms = std::min(o.timeout_ms, 10'000L);
   o.user_agent = "portier-presence-unify-office/1.0";
   return o;
}

}  // namespace portier::office
