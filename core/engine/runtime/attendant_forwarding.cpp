// SPDX-License-Identifier: GPL-3.0-or-later
// While an attendant is busy with a call, direct calls to their phone are forwarded (CFU over the
// pbx plugin) to their personal line, where they wait in the attendant's personal queue.
//
// Busy means answered: the call is in its greeting or connected. An offered call does not count,
// since the engine's own push to the phone would otherwise be forwarded away from it. The engine
// remembers what it set per device, so a change of state sends at most one command and a repeated
// state none; an attendant without a personal line is never forwarded.
//
// A clear is not done when it is sent: until the PBX confirms it, a call the engine places to
// the phone would be forwarded straight back to the personal line. So a push to a phone whose
// clear is on its way is held, and placed when the confirmation comes, when the clear has failed
// kForwardingClearAttempts times, or after kForwardingClearGuardMs without any answer.
#include "engine/runtime/engine.h"

namespace portier::engine {
namespace {

bool wants_forwarding(const Engine &engine, const Attendant &attendant) {
   return !attendant.personal_line.empty() && engine.attendant_state(attendant) == AttendantState::busy;
}

}  // namespace

void Engine::follow_forwarding(const Attendant &attendant) {
   if (!pbx_) return;  // set_pbx brings the PBX up to date
   const auto set = forwarded_.find(attendant.device);
   const bool ours = set != forwarded_.end() && set->second.attendant == attendant.id;
   if (wants_forwarding(*this, attendant)) {
      if (ours && !set->second.clearing && set->second.destination == attendant.personal_line) return;
      if (set != forwarded_.end()) timers_.cancel(set->second.timer);
      forwarded_[attendant.device] = Forwarding{attendant.id, attendant.personal_line};
      pbx_->set_forwarding(attendant.device, attendant.personal_line);
      return;
   }
   if (!ours || set->second.clearing) return;
   start_clear(attendant.device);
}

void Engine::drop_forwarding(const std::string &attendant, const std::string &device) {
   if (!pbx_) return;  // kept: set_pbx clears it on the next link
   const auto set = forwarded_.find(device);
   if (set == forwarded_.end() || set->second.attendant != attendant || set->second.clearing) return;
   start_clear(device);
}

void Engine::clear_stale_forwarding(const Attendant &attendant) {
   // A portierd that stopped while its attendant was busy may have left the phone forwarded;
   // the engine cannot know, so a log-on switches CFU off once unless the engine set it itself.
   if (!pbx_ || forwarded_.count(attendant.device) != 0) return;
   forwarded_[attendant.device] = Forwarding{attendant.id, {}};
   start_clear(attendant.device);
}

// The PBX command goes last: a plugin may refuse it at once, which comes back through
// on_forwarding_result before this returns.
void Engine::start_clear(const std::string &device) {
   Forwarding &clear = forwarded_.at(device);
   clear.clearing = true;
   ++clear.attempts;
   timers_.cancel(clear.timer);
   clear.timer = timers_.start(kForwardingClearGuardMs, [this, device] { on_clear_timer(device); });
   pbx_->clear_forwarding(device);
}

void Engine::on_forwarding_result(std::string_view device, bool on, bool ok) {
   const auto set = forwarded_.find(device);
   if (set == forwarded_.end()) return;
   Forwarding &forwarding = set->second;
   if (on) {
      // The phone rings while its attendant talks; the next change of state sets it again.
      if (!ok && !forwarding.clearing) forwarded_.erase(set);
      return;
   }
   if (!forwarding.clearing) return;  // a clear answered after a new set: that set counts
   const std::string key(device);
   if (ok) {
      settle_clear(key, {});
      return;
   }
   if (forwarding.attempts >= kForwardingClearAttempts) {
      settle_clear(key, "CFU of " + key + " could not be switched off after " + std::to_string(forwarding.attempts) +
                            " attempts; calls pushed to it may be forwarded");
      return;
   }
   timers_.cancel(forwarding.timer);
   forwarding.refused = true;
   forwarding.timer = timers_.start(kForwardingRetryMs, [this, key] { on_clear_timer(key); });
}

void Engine::on_clear_timer(const std::string &device) {
   const auto set = forwarded_.find(device);
   if (set == forwarded_.end() || !set->second.clearing) return;
   set->second.timer = kNoTimer;
   if (!pbx_) {
      settle_clear(device, {});  // no link to ask: the next link clears it (set_pbx)
      return;
   }
   if (set->second.refused) {  // the wait before sending a refused clear again
      set->second.refused = false;
      start_clear(device);
      return;
   }
   settle_clear(device, "the PBX has not answered the CFU clear of " + device + " within " +
                            std::to_string(kForwardingClearGuardMs) + " ms; counted as done");
}

void Engine::settle_clear(const std::string &device, std::string why) {
   const auto set = forwarded_.find(device);
   if (set == forwarded_.end()) return;
   timers_.cancel(set->second.timer);
   const std::string call_id = std::move(set->second.held_call);
   const std::string leg = std::move(set->second.held_leg);
   forwarded_.erase(set);
   if (!why.empty()) note(call_id, std::move(why));
   if (call_id.empty()) return;
   const Call *call = find_call(call_id);
   if (call && call->phase == CallPhase::offered && call->leg == leg) place_push(*call, device, leg);
}

void Engine::place_push(const Call &call, const std::string &device, const std::string &leg) {
   const auto set = forwarded_.find(device);
   if (set != forwarded_.end() && set->second.clearing) {
      set->second.held_call = call.id;
      set->second.held_leg = leg;
      return;
   }
   trunk_.place_call(PlaceCall{leg, device, call.caller, call.rules.charge_number, call.id, EarlyMedia::ringback});
}

void Engine::set_pbx(PbxPort *pbx) {
   pbx_ = pbx;
   if (!pbx_) return;
   // A new link may have lost what the old one had queued: each wanted forwarding is sent once
   // more, a clear on its way is sent again, and one whose attendant has become free or logged
   // off meanwhile is switched off.
   std::vector<std::string> to_clear;
   for (auto &[device, set] : forwarded_) {
      const Attendant *attendant = find_attendant(set.attendant);
      const bool wanted = !set.clearing && attendant && attendant->device == device &&
                          wants_forwarding(*this, *attendant) && attendant->personal_line == set.destination;
      if (wanted) {
         pbx_->set_forwarding(device, set.destination);
      } else {
         set.attempts = 0;
         to_clear.push_back(device);
      }
   }
   for (const std::string &device : to_clear) {
      if (forwarded_.count(device) != 0) start_clear(device);
   }
   for (const auto &[id, attendant] : attendants_) follow_forwarding(attendant);
}

void Engine::clear_all_forwarding() {
   if (!pbx_) return;
   for (const auto &[device, set] : forwarded_) {
      timers_.cancel(set.timer);
      if (!set.clearing) pbx_->clear_forwarding(device);
   }
   forwarded_.clear();
}

std::string Engine::forwarded_to(std::string_view device) const {
   const auto set = forwarded_.find(device);
   return set == forwarded_.end() || set->second.clearing ? std::string() : set->second.destination;
}

}  // namespace portier::engine
