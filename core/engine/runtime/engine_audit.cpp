// SPDX-License-Identifier: GPL-3.0-or-later
// Reading the engine's state, and checking that its indexes agree with each other.
#include "engine/runtime/engine.h"

namespace portier::engine {

namespace {

// A call in the processing queue has exactly what its state needs: a leg while transferring,
// an indexed callback number while parked or paged, and no attendant.
template <typename Parked>
std::vector<std::string> processing_problems(const Call &call, const Parked &parked_by_number) {
   std::vector<std::string> problems;
   const bool in_queue = call.phase == CallPhase::processing;
   const bool retrieving = call.phase == CallPhase::offered || call.phase == CallPhase::greeting;
   if (!call.processing) {
      if (in_queue) problems.push_back(call.id + ": in the processing queue without its state");
      return problems;
   }
   if (!in_queue && !retrieving) problems.push_back(call.id + ": processing state outside the processing queue");
   if (!in_queue) return problems;
   const Processing &p = *call.processing;
   const bool transferring = p.state == ProcessingState::transferring;
   const bool parked = p.state == ProcessingState::parked || p.state == ProcessingState::paged;
   if (transferring != !call.leg.empty()) problems.push_back(call.id + ": leg does not match the processing state");
   if (parked != !p.callback_number.empty()) {
      problems.push_back(call.id + ": callback number does not match the processing state");
   }
   if (parked) {
      const auto it = parked_by_number.find(p.callback_number);
      if (it == parked_by_number.end() || it->second != call.id) problems.push_back(call.id + ": callback number not indexed");
   }
   return problems;
}

}  // namespace

const Call *Engine::find_call(std::string_view call_id) const {
   const auto it = calls_.find(call_id);
   return it == calls_.end() ? nullptr : &it->second;
}

const Attendant *Engine::find_attendant(std::string_view attendant) const {
   const auto it = attendants_.find(attendant);
   return it == attendants_.end() ? nullptr : &it->second;
}

std::vector<std::string> Engine::queue_order(std::string_view number, bool personal) const {
   const Queues &queues = personal ? personal_queues_ : pilot_queues_;
   const auto it = queues.find(number);
   return it == queues.end() ? std::vector<std::string>{} : it->second.call_ids();
}

std::vector<std::string> Engine::call_ids() const {
   std::vector<std::string> ids;
   ids.reserve(calls_.size());
   for (const auto &[id, call] : calls_) ids.push_back(id);
   return ids;
}

std::vector<std::string> Engine::attendant_ids() const {
   std::vector<std::string> ids;
   ids.reserve(attendants_.size());
   for (const auto &[id, attendant] : attendants_) ids.push_back(id);
   return ids;
}

std::vector<std::string> Engine::audit() const {
   std::vector<std::string> problems;
   std::size_t waiting = 0;
   for (const auto &[id, call] : calls_) {
      const bool holds_attendant = call.phase == CallPhase::offered || call.phase == CallPhase::connected ||
                                   call.phase == CallPhase::greeting;
      if (call.phase == CallPhase::waiting) ++waiting;
      if (holds_attendant) {
         const Attendant *attendant = find_attendant(call.attendant);
         if (attendant && attendant->call != id) problems.push_back(id + ": its attendant holds another call");
         if (call.leg.empty()) problems.push_back(id + ": with an attendant but without a leg");
      } else if (!call.attendant.empty()) {
         problems.push_back(id + ": names an attendant while not with one");
      }
      for (const std::string &problem : processing_problems(call, parked_by_number_)) problems.push_back(problem);
      if (!call.leg.empty()) {
         const auto leg = call_by_leg_.find(call.leg);
         if (leg == call_by_leg_.end() || leg->second != id) problems.push_back(id + ": leg not indexed");
      }
   }
   std::size_t queued = 0;
   for (const Queues *queues : {&pilot_queues_, &personal_queues_}) {
      for (const auto &[number, queue] : *queues) {
         for (const std::string &id : queue.call_ids()) {
            ++queued;
            const Call *call = find_call(id);
            if (!call || call->phase != CallPhase::waiting) problems.push_back(id + ": queued but not waiting");
         }
      }
   }
   if (queued != waiting) problems.push_back("queued and waiting calls differ in number");
   for (const auto &[id, attendant] : attendants_) {
      if (attendant.call.empty()) continue;
      const Call *call = find_call(attendant.call);
      if (!call || call->attendant != id) problems.push_back(id + ": holds a call that is not with it");
   }
   for (const auto &[number, id] : parked_by_number_) {
      const Call *call = find_call(id);
      if (!call || !call->processing || call->processing->callback_number != number) {
         problems.push_back(number + ": callback number held for no parked call");
      }
   }
   for (const auto &[leg, id] : call_by_leg_) {
      const Call *call = find_call(id);
      if (!call || call->leg != leg) problems.push_back(leg + ": leg of no call");
   }
   return problems;
}

}  // namespace portier::engine
