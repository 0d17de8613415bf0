// SPDX-License-Identifier: GPL-3.0-or-later
// The SDP check a user agent hands to lib-sip's check_request (RequestPolicy::check_sdp): is the
// offer well formed enough to negotiate (else 400)? Built on lib-media's parse_sdp; whether a codec matches is
// negotiate()'s business (488), not this one's (400).
#pragma once

#include <string>
#include <string_view>

namespace portier::media {

// What is wrong with `sdp`, empty when it is a usable offer. An a=rtpmap line that cannot be read
// is skipped by parse_sdp (RFC 4475's "a=rtpmap:31 LPC" has no clock rate); a dynamic payload
// type left without a readable rtpmap is an error.
std::string offer_problem(std::string_view sdp);

}  // namespace portier::media
