// SPDX-License-Identifier: GPL-3.0-or-later
// A call's media on the I/O thread: its RTP stream on a leased port pair, what plays to it
// (once, loop, chained after the current play) and the ringback tone. DTMF and MEDIA_DONE are
// reported from here.
#pragma once

#include <string>

#include <portier/result.hpp>

#include "builtin_media.h"
#include "call.h"

namespace portier::trunk {

struct Core;

// Leases a port pair and creates the call's stream (nothing is sent before a remote is known).
Result<void> open_stream(Core &core, Call &call);
// A negotiated plan (answer, re-INVITE, 18x/200 SDP) takes effect on the stream.
void apply_plan(Call &call, const media::MediaPlan &plan);
// Plays `media_id` now (replacing), or after the current play when `append` and something plays.
Result<void> play(Core &core, Call &call, const std::string &media_id, bool loop, bool append);
void stop_media(Call &call);
// Stops the call's media and forgets the stream and its ports.
void close_media(Call &call);


}  // namespace portier::trunk
