// SPDX-License-Identifier: GPL-3.0-or-later
// The trunk as UAS: every request the transaction layer hands up (new INVITEs, requests inside
// dialogs, OPTIONS, ...), ACKs of our 2xx and cancelled INVITEs. A new INVITE is classified by
// its number, checked (session timer, SDP, channels) and offered to the engine as INCOMING; the
// loop number is answered here.
#pragma once

#include <string>

namespace portier::trunk {

struct Core;
struct Call;

inline constexpr const char *kAllow = "INVITE, ACK, CANCEL, BYE, OPTIONS, UPDATE, PRACK, INFO, NOTIFY";

// Wires the transaction layer's handlers to the call layer.
void install_handlers(Core &core);
// Answers an offered incoming call: 200 with our SDP answer and session timer, then waits for
// the ACK (resending the 200).
void answer_call(Core &core, Call &call);
// Refuses an offered incoming call with 302 Moved Temporarily, Contact `target` (E.164) at the
// provider (the registrar side), so the PBX routes the caller there; the call ends (ENDED 302).
// The engine's redirect command, for the DDI entry's overload rule.
void redirect_call(Core &core, Call &call, const std::string &target);

}  // namespace portier::trunk
