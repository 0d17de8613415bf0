// SPDX-License-Identifier: GPL-3.0-or-later
// While an attendant is busy with a call, direct calls to their phone are forwarded (CFU over the
// pbx plugin) to their personal line, where they wait in the attendant's personal queue.
//
// Busy means answered: the call is in its greeting or connected. An offered call does not count,
// since the engine's own push to the phone would otherwise be forwarded away from it. The engine
// remembers what it set per device, so a change of state sends at most one command and a repeated
// state none; an attendant without a personal line is never forwarded.
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
      if (ours && set->second.destination == attendant.personal_line) return;
      pbx_->set_forwarding(attendant.device, attendant.personal_line);
      forwarded_[attendant.device] = Forwarding{attendant.id, attendant.personal_line};
      return;
   }
   if (!ours) return;
   pbx_->clear_forwarding(attendant.device);
   forwarded_.erase(set);
}

void Engine::drop_forwarding(const std::string &attendant, const std::string &device) {
   if (!pbx_) return;  // kept: set_pbx clears it on the next link
   const auto set = forwarded_.find(device);
   if (set == forwarded_.end() || set->second.attendant != attendant) return;
   pbx_->clear_forwarding(device);
   forwarded_.erase(set);
}

void Engine::clear_stale_forwarding(const Attendant &attendant) {
   // A portierd that stopped while its attendant was busy may have left the phone forwarded;
   // the engine cannot know, so a log-on switches CFU off once unless the engine set it itself.
   if (!pbx_ || forwarded_.count(attendant.device) != 0) return;
   pbx_->clear_forwarding(attendant.device);
}

void Engine::set_pbx(PbxPort *pbx) {
   pbx_ = pbx;
   if (!pbx_) return;
   // A new link may have lost what the old one had queued: each wanted forwarding is sent once
   // more, and one whose attendant has become free or logged off meanwhile is switched off.
   for (auto set = forwarded_.begin(); set != forwarded_.end();) {
      const Attendant *attendant = find_attendant(set->second.attendant);
      if (attendant && attendant->device == set->first && wants_forwarding(*this, *attendant) &&
          attendant->personal_line == set->second.destination) {
         pbx_->set_forwarding(set->first, set->second.destination);
         ++set;
      } else {
         pbx_->clear_forwarding(set->first);
         set = forwarded_.erase(set);
      }
   }
   for (const auto &[id, attendant] : attendants_) follow_forwarding(attendant);
}

void Engine::clear_all_forwarding() {
   if (!pbx_) return;
   for (const auto &[device, set] : forwarded_) pbx_->clear_forwarding(device);
   forwarded_.clear();
}

std::string Engine::forwarded_to(std::string_view device) const {
   const auto set = forwarded_.find(device);
   return set == forwarded_.end() ? std::string() : set->second.destination;
}

}  // namespace portier::engine
