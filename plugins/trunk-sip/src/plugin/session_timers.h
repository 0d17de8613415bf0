// SPDX-License-Identifier: GPL-3.0-or-later
// RFC 4028 for the trunk's dialogs on the host clock: the headers of our answers, who refreshes,
// the refresh we send (UPDATE) and the BYE when the other refresher stays silent.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "message.h"
#include "session_timer.h"

namespace portier::trunk {

struct Core;
struct Call;

// What the INVITE or UPDATE `request` asks for, answered with our policy.
sip::SessionTimerAnswer session_answer(const Core &core, const sip::Message &request);
// Headers for our 2xx to it.
std::vector<std::pair<std::string, std::string>> session_headers(const sip::SessionTimerAnswer &answer);
// Arms the call's timers from an answer we gave (UAS side).
void arm_session(Core &core, Call &call, const sip::SessionTimerAnswer &answer);
// Arms them from the 2xx we received to our INVITE (UAC side).
void arm_session_from_response(Core &core, Call &call, const sip::Message &ok);
// Refreshes due sessions and ends expired ones. [I/O, from tick]
void session_tick(Core &core);

}  // namespace portier::trunk
