// SPDX-License-Identifier: GPL-3.0-or-later
// The HTTP options of every REST call of presence.unify-office (the session's and the channel's
// wstoken request): CA file, verification, proxy and timeouts from the settings.
#pragma once

#include <cstdint>

#include "office_settings.h"
#include "settings_options.h"

namespace portier::office {

// Added to every wait RingCentral names (Retry-After, its rate window): clocks differ; never be early.
inline constexpr std::int64_t kSlackUs = 100'000;

inline http::HttpOptions http_options(const OfficeSettings &s) {
   return http::options_from_settings(s, "portier-presence-unify-office/1.0");
}

}  // namespace portier::office
