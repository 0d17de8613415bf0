// SPDX-License-Identifier: GPL-3.0-or-later
// The model's clock: timers for auto-answer, hang-up and no-answer forwarding.
//
// A timer names a connection by (party, call, serial). It fires only if that very connection
// still exists in the state it expects, so nothing is ever cancelled; a transferred call is
// followed to the call it became.
#include "office/office.h"

namespace portier::pbxsim {
namespace {

constexpr std::size_t kMaxMergeChain = 1024;

} // namespace

void Office::schedule(std::uint64_t delay_ms, TimerKind kind, std::string_view party,
                      std::string_view call_id, std::uint64_t serial) {
   timers_.emplace(std::pair{now_ms_ + delay_ms, next_timer_++},
                   Timer{kind, std::string(party), std::string(call_id), serial});
}

std::string Office::resolve_call(std::string_view call_id) const {
   std::string id(call_id);
   for (std::size_t i = 0; i < kMaxMergeChain; ++i) {
      auto it = merged_.find(id);
      if (it == merged_.end())
         break;
      id = it->second;
   }
   return id;
}

void Office::advance(std::uint64_t ms) {
   const std::uint64_t target = now_ms_ + ms;
   // Every timer fires once and firing never schedules into the past, so this ends.
   while (!timers_.empty() && timers_.begin()->first.first <= target) {
      auto node = timers_.extract(timers_.begin());
      now_ms_ = node.key().first;
      fire(node.mapped());
   }
   now_ms_ = target;
}

void Office::fire(const Timer &timer) {
   Call *call = find_call(resolve_call(timer.call_id));
   if (!call)
      return;
   Connection *connection = find_connection(*call, timer.party);
   if (!connection || connection->serial != timer.serial)
      return;
   switch (timer.kind) {
   case TimerKind::auto_answer:
      if (connection->state == ConnectionState::alerting)
         answer_connection(*call, *connection);
      break;
   case TimerKind::hang_up:
      if (connection->state == ConnectionState::connected || connection->state == ConnectionState::held)
         clear_party(*call, timer.party, EventCause::normal_clearing);
      break;
   case TimerKind::no_answer: {
      Device *device = connection->device;
      if (connection->state != ConnectionState::alerting || !device || !device->forwarding.no_answer.on)
         break;
      const std::string destination = device->forwarding.no_answer.destination;
      if (!may_forward(*call, destination))
         break;
      divert(*call, *device, destination, EventCause::call_forward_no_answer, true);
      route(*call, destination);
      break;
   }
   }
}

} // namespace portier::pbxsim
