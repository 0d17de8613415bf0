// SPDX-License-Identifier: GPL-3.0-or-later
// What kind of call an incoming call is (main, internal, intercept, forwarding busy / no reply,
// invalid destination, personal), from the number it reached and how it got there. The type
// orders the queues (the tenant's priority per call type) and is shown to attendants.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "engine/model/call_type.h"

namespace portier::engine {

// Why the PBX diverted a call to the number it reached; `none` when it was dialled directly.
enum class DiversionReason {
   none,
   unconditional,  // CFU
   busy,           // CFB
   no_reply,       // CFNR
   unknown,        // diverted, but the PBX gave no reason the trunk understood
};

std::string_view to_string(DiversionReason reason);

// How a call reached `called`, as the trunk described it.
struct Diversion {
   DiversionReason reason = DiversionReason::none;
   std::string original_destination;  // the number first dialled (else the diverting one); "" if none
};

// The trunk's reason, or `unknown` when it names a diverting number, or a first-dialled number
// other than `called`, without giving one (trunks report original_called == called when nothing
// was diverted).
Diversion diversion_of(DiversionReason reported, std::string_view called, std::string_view diverted_from,
                       std::string_view original_called);

struct CallTypeInput {
   bool personal_line = false;         // the call reached an attendant's personal line
   CallType purpose = CallType::main;  // else: the purpose of the DDI entry it reached
   DiversionReason diversion = DiversionReason::none;
   bool internal_caller = false;       // see is_internal_caller
};

// The caller is an extension of the master site's PBX: digits only, no '+', at most the site's
// maximum extension length (0: not configured, so no caller counts as internal). The trunk shows
// callers in E.164, except the PBX's own extensions when it presents them as such.
bool is_internal_caller(std::string_view caller, std::uint32_t max_extension_length);

// personal line -> personal; not diverted -> the purpose (an internal caller makes a call to a
// main entry internal); diverted to an entry for main, internal or intercept calls -> by reason
// (busy: forwarding_busy, no reply: forwarding_no_reply, else intercept); diverted to an entry
// for forwarding busy, no reply or invalid destinations -> that purpose, since the entry exists
// for exactly those calls.
CallType call_type_for(const CallTypeInput &input);

}  // namespace portier::engine
