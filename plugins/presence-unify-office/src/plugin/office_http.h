// SPDX-License-Identifier: GPL-3.0-or-later
// The HTTP options of every REST call of presence.unify-office (the session's and the channel's
// wstoken request): CA file, verification, proxy and timeouts from the settings.
#pragma once

#include "office_settings.h"
#include "settings_options.h"

namespace portier::office {

inline http::HttpOptions http_options(const OfficeSettings &s) {
   return http::options_from_settings(s, "portier-presence-unify-office/1.0");
}

}  // namespace portier::office
