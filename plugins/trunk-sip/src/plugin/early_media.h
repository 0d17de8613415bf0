// SPDX-License-Identifier: GPL-3.0-or-later
// What a waiting caller hears while the leg placed for it rings: the target's early media
// (relayed from the leg's stream) or the trunk's ringback tone, as place_call asked. When the
// leg is answered or fails, the caller gets back what played before.
#pragma once

namespace portier::trunk {

struct Core;
struct Call;

// The leg got a provisional response (with or without SDP).
void link_early_media(Core &core, Call &leg);
// The leg is answered or gone, or the waiting call is gone: undo link_early_media.
void unlink_early_media(Core &core, Call &call);

}  // namespace portier::trunk
