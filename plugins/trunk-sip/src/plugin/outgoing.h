// SPDX-License-Identifier: GPL-3.0-or-later
// The trunk as UAC: second legs (place_call). INVITE to the target through the registrar (the
// PBX) with X-Siemens-CDR and our SDP offer; 18x -> PROGRESS and early media for the waiting
// call; 2xx -> ACK and ANSWERED; a failure or timeout -> ENDED with the SIP status.
#pragma once

#include <portier/result.hpp>

#include "command.h"
#include "message.h"

namespace portier::trunk {

struct Core;

// Runs a place_call command; the error is the RESULT's when the leg could not be started.
Result<void> place_call(Core &core, const Command &command);
// A retransmitted 2xx for one of our INVITEs after its transaction ended: ACK it again.
void resend_ack(Core &core, const sip::Message &response);

}  // namespace portier::trunk
