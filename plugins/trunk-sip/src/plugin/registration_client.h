// SPDX-License-Identifier: GPL-3.0-or-later
// The trunk's REGISTER at the PBX: sends what logic::Registration says is due, answers one
// digest challenge per attempt (401/407) with the password secret, feeds the outcome back, and
// reports the plugin limited while unregistered and running once registered. I/O thread only.
#pragma once

#include <cstdint>
#include <string>

#include "registration.h"

namespace portier::trunk {

struct Core;

struct RegistrationClient {
   Registration timing;
   std::string call_id;       // kept for every REGISTER of this binding (RFC 3261 10.2.4)
   std::uint32_t cseq = 0;
   std::string from_tag;
   bool in_flight = false;
   std::int32_t reported_state = -1;
   std::string reported_reason;
};

// Starts registering (a REGISTER goes out at once).
void start_registration(Core &core);
// Sends a REGISTER when one is due and lets an unrefreshed binding run out. [I/O, from tick]
void registration_tick(Core &core);

}  // namespace portier::trunk
