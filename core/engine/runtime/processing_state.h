// SPDX-License-Identifier: GPL-3.0-or-later
// Where a call stands in its tenant's processing queue: on hold, being transferred, parked or
// paged, or back from a transfer or a park nobody took, waiting for an attendant's decision.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace portier::engine {

enum class ProcessingState {
   held,             // put on hold by an attendant
   transferring,     // a leg calls the transfer target
   transfer_failed,  // the target was busy or did not answer: an attendant decides
   parked,           // on a callback number, for whoever dials it
   paged,            // parked, and front ends announce the callback number
   park_expired,     // parked or paged, nobody dialled the number in time: an attendant decides
};

std::string_view to_string(ProcessingState state);

// Kept with the call while it is in the processing queue (and while an attendant retrieves it).
struct Processing {
   ProcessingState state = ProcessingState::held;
   std::string by;               // the attendant who put it there, or acted on it last
   std::string target;           // transferring, transfer_failed: the number called
   std::string callback_number;  // parked, paged: the number that picks it up
   bool blind = false;           // a blind transfer: on failure back to the pilot's queue
   std::int64_t since_ms = 0;    // entered the processing queue
   std::uint64_t sequence = 0;   // orders calls of the same millisecond
};

}  // namespace portier::engine
