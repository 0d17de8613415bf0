// SPDX-License-Identifier: GPL-3.0-or-later
// The attendant's own outgoing call. It is not a call the engine holds: the PBX makes it from
// the attendant's phone (CSTA MakeCall), and the engine only passes the request on.
#include "engine/runtime/engine.h"

namespace portier::engine {

Outcome Engine::dial(std::string_view attendant_id, std::string_view target) {
   const Attendant *attendant = attendant_by_id(attendant_id);
   if (!attendant) return Outcome::unknown_attendant;
   if (target.empty()) return Outcome::invalid;
   if (!pbx_ || !pbx_->make_call(attendant->device, target)) return Outcome::unsupported;
   return Outcome::ok;
}

}  // namespace portier::engine
