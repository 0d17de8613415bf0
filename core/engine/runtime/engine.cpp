// SPDX-License-Identifier: GPL-3.0-or-later
// The engine's inputs from the trunk and the life of a call from arrival to its end.
#include "engine/runtime/engine.h"

#include <utility>

#include "engine/runtime/opening.h"

namespace portier::engine {

Engine::Engine(EngineData data, TrunkPort &trunk, Timers &timers, EventSink sink)
    : trunk_(trunk), timers_(timers), sink_(std::move(sink)) {
   set_data(std::move(data));
}

Engine::~Engine() {
   // The timers may outlive the engine; none may call into it afterwards.
   for (auto &[id, call] : calls_) {
      timers_.cancel(call.phase_timer);
      timers_.cancel(call.queue_timer);
   }
}

void Engine::set_data(EngineData data) {
   data_ = std::move(data);
   ddi_by_number_.clear();
   for (std::size_t i = 0; i < data_.ddi.size(); ++i) {
      ddi_by_number_.emplace(data_.ddi[i].pilot_number, i);
      for (const std::string &number : data_.ddi[i].additional_numbers) ddi_by_number_.emplace(number, i);
   }
}

void Engine::on_incoming(const IncomingCall &incoming) {
   const std::string &id = incoming.call_id;
   if (id.empty() || calls_.count(id) != 0 || call_by_leg_.count(id) != 0) {
      note(id, "incoming call ignored: empty or duplicate call id");
      return;
   }
   if (pick_up_parked(incoming)) return;
   CallRules rules;
   const DdiEntry *entry = nullptr;
   if (const auto ddi = ddi_by_number_.find(incoming.called); ddi != ddi_by_number_.end()) {
      entry = &data_.ddi[ddi->second];
      rules = rules_for_ddi(data_, *entry);
   } else if (const auto line = attendant_by_line_.find(incoming.called); line != attendant_by_line_.end()) {
      rules = rules_for_personal_line(data_, attendants_.at(line->second).tenant, incoming.called);
   } else {
      trunk_.reject(id, kSipNotFound);
      emit(CallEnded{id, EndReason::rejected, 0, {}, {}});
      return;
   }
   if (overloaded()) {
      apply_overload(incoming, entry);
      return;
   }
   const Diversion diversion =
       diversion_of(incoming.diversion, incoming.called, incoming.diverted_from, incoming.original_called);
   classify(rules, diversion.reason, incoming.caller);

   Call call;
   call.id = id;
   call.caller = incoming.caller;
   call.called = incoming.called;
   call.original_destination = diversion.original_destination;
   call.diversion = diversion.reason;
   call.arrived_ms = timers_.now_ms();
   call.place = QueuePlace{rules.priority, call.arrived_ms, next_sequence_++, id};
   call.rules = std::move(rules);
   Call &held = calls_.emplace(id, std::move(call)).first->second;

   if (held.rules.night_variant && !is_open(held.rules.opening_hours, timers_.local_time())) {
      apply_variant(held, *held.rules.night_variant);
      return;
   }
   trunk_.ring(id);
   held.phase_timer = timers_.start(held.rules.times.default_ring_time_ms, [this, id] { on_ring_time_over(id); });
}

// The call type from the number reached and the diversion; the queue order follows its priority.
void Engine::classify(CallRules &rules, DiversionReason diversion, std::string_view caller) const {
   std::uint32_t max_extension_length = 0;
   for (const Site &site : data_.sites)
      if (site.master) max_extension_length = site.max_extension_length;
   const CallType type =
       call_type_for({rules.personal, rules.type, diversion, is_internal_caller(caller, max_extension_length)});
   if (type == rules.type) return;
   rules.type = type;
   if (const Tenant *tenant = find_tenant(data_, rules.tenant)) rules.priority = tenant->priority(type);
}

void Engine::on_ring_time_over(const std::string &call_id) {
   Call *call = call_by_id(call_id);
   if (!call || call->phase != CallPhase::ringing) return;
   call->phase_timer = kNoTimer;
   trunk_.answer(call_id);
   call->answered = true;
   trunk_.play(call_id, kMusicOnHold, true);
   if (call->rules.time_overflow_variant) {
      call->queue_timer = timers_.start(call->rules.times.max_time_in_incoming_queue_ms,
                                        [this, call_id] { on_queue_time_over(call_id); });
   }
   enqueue(*call, false);
   distribute();
}

void Engine::on_queue_time_over(const std::string &call_id) {
   Call *call = call_by_id(call_id);
   if (!call) return;
   call->queue_timer = kNoTimer;
   if (call->phase == CallPhase::offered || call->phase == CallPhase::greeting) {
      call->overflow_due = true;  // decided when the offer is taken back; kept if it is answered
      return;
   }
   if (call->phase != CallPhase::waiting || !call->rules.time_overflow_variant) return;
   queue_of(*call).erase(call->place);
   apply_variant(*call, *call->rules.time_overflow_variant);
}

void Engine::enqueue(Call &call, bool returned) {
   call.phase = CallPhase::waiting;
   queue_of(call).insert(call.place);
   CallQueued queued{call.id, call.rules.queue, call.rules.personal, call.rules.priority, returned,
                     timers_.now_ms() - call.arrived_ms};
   queued.call_type = call.rules.type;
   queued.original_destination = call.original_destination;
   queued.diversion = call.diversion;
   queued.tenant = call.rules.tenant;
   queued.caller = call.caller;
   queued.company = call.rules.company;
   emit(std::move(queued));
}

void Engine::finish(const std::string &call_id, EndReason reason, std::string target) {
   const auto it = calls_.find(call_id);
   if (it == calls_.end()) return;
   Call &call = it->second;
   timers_.cancel(call.phase_timer);
   timers_.cancel(call.queue_timer);
   if (call.phase == CallPhase::waiting) queue_of(call).erase(call.place);
   if (!call.leg.empty()) call_by_leg_.erase(call.leg);
   drop_handover(call);
   free_callback(call);
   const std::int64_t waited_until = call.taken_ms >= 0 ? call.taken_ms : timers_.now_ms();
   CallEnded ended{call_id, reason, waited_until - call.arrived_ms, {}, {}, std::move(target)};
   ended.queue = call.rules.queue;
   ended.personal = call.rules.personal;
   ended.tenant = call.rules.tenant;
   if (call.variant) ended.variant = call.variant->id;
   if (reason == EndReason::answered || reason == EndReason::transferred || reason == EndReason::released) {
      ended.attendant = !call.attendant.empty() ? call.attendant : call.processing ? call.processing->by : "";
   }
   calls_.erase(it);
   emit(std::move(ended));
}

void Engine::on_answered(std::string_view call_id) {
   if (Call *call = call_by_leg(call_id)) {
      leg_answered(*call);
      distribute();
      return;
   }
   note(call_id, "answered ignored: not a leg the engine placed");
}

void Engine::leg_answered(Call &call) {
   if (call.phase == CallPhase::offered) {
      attendant_answered(call);
   } else if (call.phase == CallPhase::processing) {
      transfer_answered(call);
   } else if (call.phase == CallPhase::variant) {
      forwarding_answered(call);  // handed over to the PBX once the trunk confirms
   }
}

void Engine::on_ended(std::string_view call_id, int sip_status) {
   if (Call *call = call_by_id(call_id)) {
      caller_ended(*call);
   } else if (Call *owner = call_by_leg(call_id)) {
      leg_ended(*owner);
   } else if (const auto picker = pickup_by_caller_.find(call_id); picker != pickup_by_caller_.end()) {
      // Whoever dialled a callback number hung up before the trunk joined them: parked again.
      if (Call *parked = call_by_id(picker->second)) pickup_failed(*parked, "the dialling call ended");
   } else {
      note(call_id, "ended ignored: unknown call (status " + std::to_string(sip_status) + ")");
      return;
   }
   distribute();
}

void Engine::caller_ended(Call &call) {
   const std::string id = call.id;
   switch (call.phase) {
      case CallPhase::ringing:
      case CallPhase::waiting:
         finish(id, EndReason::abandoned);
         return;
      case CallPhase::offered:
      case CallPhase::greeting: {
         trunk_.hangup(call.leg);
         release_attendant(call.attendant, false);
         // A call being retrieved from the processing queue had an attendant: answered.
         finish(id, call.processing ? EndReason::answered : EndReason::abandoned);
         return;
      }
      case CallPhase::processing:
         caller_ended_processing(call);
         return;
      case CallPhase::connected:
         trunk_.hangup(call.leg);
         release_attendant(call.attendant, true);
         finish(id, EndReason::answered);
         return;
      case CallPhase::variant:
         if (!call.leg.empty()) trunk_.hangup(call.leg);
         finish(id, EndReason::variant);
         return;
   }
}

void Engine::leg_ended(Call &call) {
   const std::string id = call.id;
   switch (call.phase) {
      case CallPhase::offered:
      case CallPhase::greeting: {
         // The device refused or failed: like an unanswered push, but the leg is gone already.
         call_by_leg_.erase(call.leg);
         call.leg.clear();
         take_back(call);
         return;
      }
      case CallPhase::connected:
         trunk_.hangup(id);
         release_attendant(call.attendant, true);
         finish(id, EndReason::answered);
         return;
      case CallPhase::variant:
         // The forwarding target refused or went away: busy tone, like every failed forwarding.
         drop_handover(call);
         call_by_leg_.erase(call.leg);
         call.leg.clear();
         forwarding_failed(call, "the destination's leg ended");
         return;
      case CallPhase::processing:
         // The transfer target is busy or gone; the caller stays.
         transfer_failed(call, "the target's leg ended");
         return;
      case CallPhase::ringing:
      case CallPhase::waiting:
         call_by_leg_.erase(call.leg);
         call.leg.clear();
         note(id, "leg ended ignored: the call has no leg now");
         return;
   }
}

void Engine::on_media_done(std::string_view call_id, std::string_view media_id) {
   if (Call *owner = call_by_leg(call_id)) {
      // The attendant's leg heard the whole greeting: now caller and attendant talk.
      if (owner->phase == CallPhase::greeting && media_id == owner->greeting_media) connect_attendant(*owner);
      return;
   }
   Call *call = call_by_id(call_id);
   if (!call) {
      note(call_id, "media done ignored: unknown call");
      return;
   }
   if (call->phase != CallPhase::variant || call->variant_media.empty() || call->variant_media != media_id) {
      return;  // music and other media end without consequence
   }
   trunk_.hangup(call->id);
   finish(call->id, EndReason::variant);
}

Call *Engine::call_by_id(std::string_view call_id) {
   const auto it = calls_.find(call_id);
   return it == calls_.end() ? nullptr : &it->second;
}

Call *Engine::call_by_leg(std::string_view leg_id) {
   const auto it = call_by_leg_.find(leg_id);
   return it == call_by_leg_.end() ? nullptr : call_by_id(it->second);
}

Attendant *Engine::attendant_by_id(std::string_view attendant) {
   const auto it = attendants_.find(attendant);
   return it == attendants_.end() ? nullptr : &it->second;
}

CallQueue &Engine::queue_of(const Call &call) {
   Queues &queues = call.rules.personal ? personal_queues_ : pilot_queues_;
   const auto it = queues.find(call.rules.queue);
   if (it != queues.end()) return it->second;
   return queues.emplace(call.rules.queue, CallQueue{}).first->second;
}

std::string Engine::next_leg_id() { return "portier-leg-" + std::to_string(next_leg_++); }

void Engine::note(std::string_view call_id, std::string text) {
   EngineNote n{std::string(call_id), std::move(text)};
   const Call *call = call_by_id(call_id);
   if (!call) call = call_by_leg(call_id);
   if (call) n.tenant = call->rules.tenant;
   emit(std::move(n));
}

void Engine::emit(EngineEvent event) {
   if (sink_) sink_(event);
}

}  // namespace portier::engine
