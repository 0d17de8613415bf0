// SPDX-License-Identifier: GPL-3.0-or-later
// Joining two answered calls. Preferred: REFER on the caller's dialog with Refer-To naming the
// other leg's target and Replaces (RFC 3515, RFC 3891), so the PBX joins them and the media
// leaves the server; CONNECTED when the NOTIFY reports a 2xx. Otherwise the server relays RTP
// between the two streams; when either side ends, so does the other.
#pragma once

#include <string>

#include <portier/result.hpp>

#include "message.h"

namespace portier::trunk {

struct Core;
struct Call;

// Runs a connect command for calls `a` and `b`; errors become the RESULT.
Result<void> connect_calls(Core &core, const std::string &a, const std::string &b);
// A NOTIFY in `call`'s dialog: the progress of our REFER (message/sipfrag).
void on_refer_notify(Core &core, Call &call, const sip::Message &notify);

// The Refer-To value that replaces `leg`'s dialog: <target?Replaces=call-id%3Bto-tag%3D..%3Bfrom-tag%3D..>.
std::string refer_to_with_replaces(const std::string &remote_target, const std::string &call_id,
                                   const std::string &to_tag, const std::string &from_tag);

}  // namespace portier::trunk
