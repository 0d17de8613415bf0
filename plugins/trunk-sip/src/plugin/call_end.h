// SPDX-License-Identifier: GPL-3.0-or-later
// Ending calls: the SIP side the call's state needs (a final response, CANCEL or BYE), then
// the local side (relay, media, channel, maps) and the ENDED event. When the far end or the
// network ends a relayed call, its partner goes down too, so the engine sees ENDED for both; the
// engine's own hangup of one relayed leg ends only that leg (the engine holds the other).
#pragma once

#include <cstdint>
#include <string>

namespace portier::trunk {

struct Core;
struct Call;

// Sends what ends `call` at the far end: 480 to an unanswered incoming call, CANCEL to an
// unanswered outgoing leg, BYE in a dialog. Then finish_call.
void hangup_call(Core &core, const std::string &call_id, std::int32_t ended_value, bool end_partner = true);
// Forgets the call locally (the far end already knows) and reports ENDED with `value`. A relayed
// partner is hung up too unless `end_partner` is false; then it stays up, no longer relayed.
void finish_call(Core &core, const std::string &call_id, std::int32_t value, bool end_partner = true);
// Sends BYE in the call's dialog; nothing else.
void send_bye(Core &core, Call &call);

}  // namespace portier::trunk
