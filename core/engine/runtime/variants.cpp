// SPDX-License-Identifier: GPL-3.0-or-later
// Night and time-overflow variants: busy, announcement, forwarding. A clip whose MEDIA_DONE never
// comes is cut short by a guard; a forwarding destination is called for the max transfer time,
// and a forwarding that fails after the caller was answered ends with the busy tone.
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
      play_variant_media(call, kBusyTone, kBusyToneGuardMs);
      return;
   }

   if (!call.answered) {
      trunk_.answer(id);
      call.answered = true;
   }
   if (variant.mode == VariantMode::announcement) {
      play_variant_media(call, variant.announcement, kAnnouncementGuardMs);
      return;
   }
   const std::string leg = next_leg_id();
   call_by_leg_.emplace(leg, id);
   call.leg = leg;
   trunk_.place_call(PlaceCall{leg, variant.destination, call.caller, call.rules.charge_number, id,
                               EarlyMedia::ringback});
   // The destination is called like a transfer target: for the max transfer time.
   call.phase_timer = timers_.start(call.rules.times.max_transfer_time_ms,
                                    [this, id, leg] { on_forwarding_time_over(id, leg); });
}

// Plays the clip once; MEDIA_DONE hangs up (engine.cpp), and so does the guard if it never comes.
void Engine::play_variant_media(Call &call, std::string_view media_id, std::uint32_t guard_ms) {
   timers_.cancel(call.phase_timer);
   call.variant_media = std::string(media_id);
   const std::string id = call.id;
   const std::string media(media_id);
   call.phase_timer = timers_.start(guard_ms, [this, id, media] { on_variant_media_over(id, media); });
   trunk_.play(id, media_id, false);
}

void Engine::on_variant_media_over(const std::string &call_id, const std::string &media_id) {
   Call *call = call_by_id(call_id);
   if (!call || call->phase != CallPhase::variant || call->variant_media != media_id) return;
   call->phase_timer = kNoTimer;
   note(call_id, "variant: no media done for '" + media_id + "' in time, hung up anyway");
   trunk_.hangup(call_id);
   finish(call_id, EndReason::variant);
}

void Engine::forwarding_answered(Call &call) {
   if (call.handover || call.leg.empty()) return;
   hand_over(call, Handover{HandoverKind::forwarding, call.leg, -1, {}});  // the PBX's once confirmed
}

// The caller was answered for the forwarding: it hears the busy tone, then the call ends.
void Engine::forwarding_failed(Call &call, const std::string &why) {
   note(call.id, "forwarding failed: " + why);
   play_variant_media(call, kBusyTone, kBusyToneGuardMs);
}

void Engine::on_forwarding_time_over(const std::string &call_id, const std::string &leg_id) {
   Call *call = call_by_id(call_id);
   if (!call || call->phase != CallPhase::variant || call->leg != leg_id || call->handover) return;
   call->phase_timer = kNoTimer;
   trunk_.hangup(leg_id);
   call_by_leg_.erase(leg_id);
   call->leg.clear();
   forwarding_failed(*call, "no answer within the max transfer time");
   distribute();
}

}  // namespace portier::engine
