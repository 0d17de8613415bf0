// SPDX-License-Identifier: GPL-3.0-or-later
// A call the engine holds, from arrival until it ends.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "engine/runtime/call_queue.h"
#include "engine/runtime/call_rules.h"
#include "engine/runtime/call_type_rules.h"
#include "engine/runtime/processing_state.h"
#include "engine/runtime/timers.h"

namespace portier::engine {

enum class CallPhase {
   ringing,    // the caller hears ringing until the ring time is over
   waiting,    // answered, in its queue with music
   offered,    // a leg rings at an attendant's device
   connected,  // the attendant answered; caller and attendant are joined
   variant,    // a night or time-overflow variant handles it
   greeting,   // the attendant answered; their personal greeting plays to both before connect
   processing, // in the tenant's processing queue with music: held, transferred, parked, paged
};

// What a hand-over joins the caller to. The engine asks the trunk to connect and keeps the call
// until the trunk confirms (CONNECTED), so that a connect that fails puts the caller back.
enum class HandoverKind {
   attendant,   // the attendant who answered: the call stays connected meanwhile
   transfer,    // a transfer target's leg
   pickup,      // whoever dialled a parked call's callback number
   forwarding,  // a forwarding variant's leg
};

struct Handover {
   HandoverKind kind = HandoverKind::attendant;
   std::string other;                     // the leg or dialling call joined to the caller
   std::int64_t taken_before_ms = -1;     // attendant: the call's taken_ms before this connect
   std::optional<Processing> processing;  // attendant: where a retrieved call waited before
};

struct Call {
   std::string id;
   std::string caller;
   std::string called;
   std::string original_destination;  // diverted calls: the number first dialled, else ""
   DiversionReason diversion = DiversionReason::none;
   CallRules rules;
   CallPhase phase = CallPhase::ringing;
   std::int64_t arrived_ms = 0;
   std::int64_t taken_ms = -1;  // when an attendant answered it
   QueuePlace place;        // kept for life, so a returned call stands where it stood
   bool answered = false;   // the engine answered the caller
   std::string attendant;   // offered or connected
   std::string leg;         // the attendant's leg, a forwarding variant's, or a transfer target's
   TimerId phase_timer = kNoTimer;  // ring time, RNA timeout, greeting guard, transfer or park time,
                                   // forwarding ring limit, variant clip or hand-over guard
   TimerId queue_timer = kNoTimer;  // max time in incoming queue
   bool overflow_due = false;       // the queue time ran out while the call was offered
   std::optional<Variant> variant;  // the variant handling it
   std::string variant_media;       // what the variant plays, awaited in MEDIA_DONE
   std::string greeting_media;      // the attendant's greeting, awaited in MEDIA_DONE of the leg
   // Set while in the processing queue, and kept while an attendant retrieves the call, so a
   // retrieve nobody answers goes back there.
   std::optional<Processing> processing;
   // Set from the connect until CONNECTED; phase_timer is then its guard (handover.cpp).
   std::optional<Handover> handover;
};

}  // namespace portier::engine
