// SPDX-License-Identifier: GPL-3.0-or-later
// Night and time-overflow variants: busy, announcement, forwarding.
#include "engine/runtime/engine.h"

namespace portier::engine {

void Engine::apply_variant(Call &call, const Variant &variant) {
   timers_.cancel(call.phase_timer);
   call.phase_timer = kNoTimer;
   timers_.cancel(call.queue_timer);
   call.queue_timer = kNoTimer;
   call.phase = CallPhase::variant;
   call.variant = variant;
   const std::string id = call.id;
   note(id, "variant " + variant.id + " applies");

   const bool playable = variant.mode != VariantMode::announcement || !variant.announcement.empty();
   const bool reachable = variant.mode != VariantMode::forwarding || !variant.destination.empty();
   if (variant.mode == VariantMode::busy || !playable || !reachable) {
      if (!call.answered) {
         trunk_.reject(id, kSipBusyHere);
         finish(id, EndReason::variant);
         return;
      }
      // An answered caller cannot be refused any more: busy tone, then hang up.
      call.variant_media = std::string(kBusyTone);
      trunk_.play(id, kBusyTone, false);
      return;
   }

   if (!call.answered) {
      trunk_.answer(id);
      call.answered = true;
   }
   if (variant.mode == VariantMode::announcement) {
      call.variant_media = variant.announcement;
      trunk_.play(id, variant.announcement, false);
      return;
   }
   const std::string leg = next_leg_id();
   call_by_leg_.emplace(leg, id);
   call.leg = leg;
   trunk_.place_call(PlaceCall{leg, variant.destination, call.caller, call.rules.charge_number, id,
                               EarlyMedia::ringback});
}

}  // namespace portier::engine
