// SPDX-License-Identifier: GPL-3.0-or-later
// The little the simulator needs from a SIP URI: its user part (a number) and where requests to
// it go (host, port, transport). Bounded: URIs longer than 1 KiB are refused.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "response_route.h"

namespace portier::pbxsim {

// "sip:+4989700712@host;user=phone" -> "+4989700712"; "" when there is no user part. Angle
// brackets and a display name around the URI are skipped.
std::string uri_user(std::string_view uri);

// Where a request to `uri` goes: numeric host, port (5060 when absent), ;transport= (UDP when
// absent). Nullopt for a URI we cannot read.
std::optional<sip::Peer> uri_peer(std::string_view uri);

// The value of `name` in a ;name=value parameter list (case-insensitive name), or nullopt.
std::optional<std::string> uri_param(std::string_view text, std::string_view name);

}  // namespace portier::pbxsim
