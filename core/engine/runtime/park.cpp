// SPDX-License-Identifier: GPL-3.0-or-later
// Park and paging: a call waits on a free callback number of its tenant; whoever dials that
// number gets it. Nobody dialling within the max transfer time returns it for a decision.
#include "engine/runtime/engine.h"

#include "engine/runtime/callback_numbers.h"

namespace portier::engine {

Outcome Engine::park(std::string_view attendant, std::string_view call_id) {
   return park_call(attendant, call_id, ProcessingState::parked);
}

Outcome Engine::page(std::string_view attendant, std::string_view call_id) {
   return park_call(attendant, call_id, ProcessingState::paged);
}

Outcome Engine::park_call(std::string_view attendant_id, std::string_view call_id, ProcessingState state) {
   Attendant *attendant = attendant_by_id(attendant_id);
   Call *call = call_by_id(call_id);
   if (const Outcome outcome = may_process(attendant, call); outcome != Outcome::ok) return outcome;
   const std::string &tenant = call->rules.tenant;
   // A call that holds a number gets one back; any other needs a free one before anything moves.
   const bool holds_number = call->processing && !call->processing->callback_number.empty();
   if (!holds_number && free_callback_number(tenant).empty()) return Outcome::no_callback_number;

   const std::string by = attendant->id;
   if (call->phase == CallPhase::connected) {
      leave_attendant(*call);
      trunk_.play(call->id, kMusicOnHold, true);
   } else {
      stop_processing_activity(*call);
   }
   const std::string number = free_callback_number(tenant);
   if (number.empty()) {
      // Only after a reload that took the tenant's callback numbers away.
      enter_processing(*call, ProcessingState::park_expired, by);
      emit_processing(*call);
      distribute();
      return Outcome::no_callback_number;
   }
   enter_processing(*call, state, by);
   call->processing->callback_number = number;
   parked_by_number_[number] = call->id;
   const std::string id = call->id;
   call->phase_timer = timers_.start(call->rules.times.max_transfer_time_ms,
                                     [this, id, number] { on_park_time_over(id, number); });
   emit_processing(*call);
   distribute();
   return Outcome::ok;
}

std::string Engine::free_callback_number(const std::string &tenant) const {
   for (const CpsNumberRanges &ranges : data_.number_ranges) {
      if (ranges.tenant != tenant) continue;
      for (std::uint64_t i = 0; i < kMaxCallbackSlots; ++i) {
         const std::optional<std::string> number = number_in_range(ranges.callback_numbers, i);
         if (!number) break;
         if (parked_by_number_.count(*number) == 0) return *number;
      }
   }
   return {};
}

void Engine::free_callback(Call &call) {
   if (!call.processing || call.processing->callback_number.empty()) return;
   const auto it = parked_by_number_.find(call.processing->callback_number);
   if (it != parked_by_number_.end() && it->second == call.id) parked_by_number_.erase(it);
   call.processing->callback_number.clear();
}

bool Engine::pick_up_parked(const IncomingCall &incoming) {
   const auto it = parked_by_number_.find(incoming.called);
   if (it == parked_by_number_.end()) return false;
   Call *call = call_by_id(it->second);
   if (!call) {
      parked_by_number_.erase(it);
      return false;
   }
   if (call->handover) {
      // Someone else dialled it a moment earlier and is being connected: this one is too late.
      trunk_.reject(incoming.call_id, kSipBusyHere);
      note(incoming.call_id, "callback number " + incoming.called + " is being picked up already");
      return true;
   }
   // The paged person dialled the number: answer them and hand the caller over. The call stays
   // parked on its number until the trunk confirms, so a failed connect parks it again.
   trunk_.answer(incoming.call_id);
   pickup_by_caller_[incoming.call_id] = call->id;
   hand_over(*call, Handover{HandoverKind::pickup, incoming.call_id, -1, {}});
   return true;
}

// The dialling call could not be joined (or hung up first): the caller waits on its number again
// for a full park time, and front ends are told.
void Engine::pickup_failed(Call &call, const std::string &why) {
   drop_handover(call);
   if (!call.processing || call.processing->callback_number.empty()) return;
   const std::string number = call.processing->callback_number;
   note(call.id, "pick-up at callback number " + number + " failed: " + why);
   trunk_.play(call.id, kMusicOnHold, true);
   const std::string id = call.id;
   call.phase_timer = timers_.start(call.rules.times.max_transfer_time_ms,
                                    [this, id, number] { on_park_time_over(id, number); });
   emit_processing(call);
}

void Engine::on_park_time_over(const std::string &call_id, const std::string &number) {
   Call *call = call_by_id(call_id);
   if (!call || call->phase != CallPhase::processing || !call->processing ||
       call->processing->callback_number != number) {
      return;
   }
   call->phase_timer = kNoTimer;
   free_callback(*call);
   call->processing->state = ProcessingState::park_expired;
   note(call_id, "nobody dialled callback number " + number + " in time");
   emit_processing(*call);
}

std::string Engine::parked_on(std::string_view number) const {
   const auto it = parked_by_number_.find(number);
   return it == parked_by_number_.end() ? std::string{} : it->second;
}

}  // namespace portier::engine
