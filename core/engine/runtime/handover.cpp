// SPDX-License-Identifier: GPL-3.0-or-later
// Hand-over: the engine asks the trunk to connect the caller with an attendant, a transfer
// target, whoever dialled a callback number or a forwarding destination, and keeps the call until
// the trunk confirms with CONNECTED. A connect that fails, or is not confirmed within
// kHandoverGuardMs, puts the caller back where it was, so no caller is lost at a hand-over.
#include "engine/runtime/engine.h"

namespace portier::engine {

// The connect is the last thing done to the call: a trunk may confirm before it returns.
void Engine::hand_over(Call &call, Handover handover) {
   timers_.cancel(call.phase_timer);
   const std::string other = handover.other;
   call.handover = std::move(handover);
   const std::string call_id = call.id;
   call.phase_timer = timers_.start(kHandoverGuardMs, [this, call_id, other] { on_handover_guard(call_id, other); });
   trunk_.connect(call_id, other);
}

Call *Engine::call_in_handover(std::string_view call_id, std::string_view other_call_id) {
   const auto matches = [](Call *call, std::string_view other) {
      return call && call->handover && call->handover->other == other ? call : nullptr;
   };
   if (Call *call = matches(call_by_id(call_id), other_call_id)) return call;
   if (Call *call = matches(call_by_id(other_call_id), call_id)) return call;
   return nullptr;
}

void Engine::on_connected(std::string_view call_id, std::string_view other_call_id) {
   if (Call *call = call_in_handover(call_id, other_call_id)) {
      complete_handover(*call);
      distribute();
      return;
   }
   // A confirmation for a call that has moved on since (or a duplicate) changes nothing.
   if (call_by_id(call_id) || call_by_leg(call_id)) return;
   note(call_id, "connected ignored: unknown call (other " + std::string(other_call_id) + ")");
}

void Engine::on_connect_failed(std::string_view call_id, std::string_view other_call_id, int sip_status) {
   Call *call = call_in_handover(call_id, other_call_id);
   if (!call) {
      note(call_id, "connect failure ignored: no hand-over with " + std::string(other_call_id));
      return;
   }
   fail_handover(*call, "the trunk could not connect (status " + std::to_string(sip_status) + ")");
   distribute();
}

void Engine::complete_handover(Call &call) {
   const Handover handover = *call.handover;
   drop_handover(call);
   switch (handover.kind) {
      case HandoverKind::attendant:
         return;  // caller and attendant talk; the call stays until either side ends
      case HandoverKind::transfer: {
         const std::string target = call.processing ? call.processing->target : std::string{};
         finish(call.id, EndReason::transferred, target);
         return;
      }
      case HandoverKind::pickup: {
         const std::string number = call.processing ? call.processing->callback_number : std::string{};
         finish(call.id, EndReason::transferred, number);  // also frees the number
         return;
      }
      case HandoverKind::forwarding:
         finish(call.id, EndReason::variant);
         return;
   }
}

void Engine::fail_handover(Call &call, const std::string &why) {
   const Handover handover = *call.handover;
   drop_handover(call);
   switch (handover.kind) {
      case HandoverKind::attendant:
         attendant_connect_failed(call, handover, why);
         return;
      case HandoverKind::transfer:
         trunk_.hangup(handover.other);
         // A blind transfer's caller gets music again in its queue.
         if (call.processing && !call.processing->blind) trunk_.play(call.id, kMusicOnHold, true);
         transfer_failed(call, why);
         return;
      case HandoverKind::pickup:
         trunk_.hangup(handover.other);
         pickup_failed(call, why);
         return;
      case HandoverKind::forwarding:
         trunk_.hangup(handover.other);
         call_by_leg_.erase(call.leg);
         call.leg.clear();
         forwarding_failed(call, why);
         return;
   }
}

// Forgets the hand-over without a trunk command: its guard stops, a dialling call is unindexed.
void Engine::drop_handover(Call &call) {
   if (!call.handover) return;
   if (call.handover->kind == HandoverKind::pickup) pickup_by_caller_.erase(call.handover->other);
   timers_.cancel(call.phase_timer);
   call.phase_timer = kNoTimer;
   call.handover.reset();
}

void Engine::on_handover_guard(const std::string &call_id, const std::string &other) {
   Call *call = call_by_id(call_id);
   if (!call || !call->handover || call->handover->other != other) return;
   call->phase_timer = kNoTimer;
   fail_handover(*call, "no CONNECTED within " + std::to_string(kHandoverGuardMs) + " ms");
   distribute();
}

// Back to its place in its queue as a returned call, with music and its max time in queue
// running again, so a call nobody takes still reaches its time-overflow variant.
void Engine::requeue_timed(Call &call) {
   trunk_.play(call.id, kMusicOnHold, true);
   if (call.rules.time_overflow_variant && call.queue_timer == kNoTimer) {
      const std::string call_id = call.id;
      call.queue_timer = timers_.start(call.rules.times.max_time_in_incoming_queue_ms,
                                       [this, call_id] { on_queue_time_over(call_id); });
   }
   call.overflow_due = false;
   enqueue(call, true);
}

}  // namespace portier::engine
