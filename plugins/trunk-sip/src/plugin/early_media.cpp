// SPDX-License-Identifier: GPL-3.0-or-later
#include "early_media.h"

#include <portier/kind/trunk.h>

#include "call_media.h"
#include "core.h"

namespace portier::trunk {
namespace {

std::string early_key(const Call &leg) { return "early:" + leg.id; }

void take_over(Call &waiting) {
   if (waiting.resume_media.empty() && !waiting.playing.empty()) {
      waiting.resume_media = waiting.playing;
      waiting.resume_loop = waiting.playing_loop;
   }
   stop_media(waiting);
}

void give_back(Core &core, Call &waiting) {
   stop_media(waiting);
   if (!waiting.resume_media.empty()) {
      (void)play(core, waiting, waiting.resume_media, waiting.resume_loop, false);
      waiting.resume_media.clear();
   }
}

}  // namespace

void link_early_media(Core &core, Call &leg) {
   if (leg.early_linked || leg.for_call.empty()) return;
   Call *waiting = find_call(core, leg.for_call);
   if (waiting == nullptr || !waiting->stream || !waiting->relay_key.empty()) return;
   if (leg.early_media == PORTIER_TRUNK_EARLY_MEDIA_RINGBACK) {
      take_over(*waiting);
      (void)play(core, *waiting, kRingbackId, true, false);
      leg.early_linked = true;
      return;
   }
   if (!leg.stream || !leg.plan) return;  // no early media offered: the caller keeps its music
   take_over(*waiting);
   core.relays[early_key(leg)] = std::make_unique<media::Relay>(*waiting->stream, *leg.stream);
   leg.early_linked = true;
}

void unlink_early_media(Core &core, Call &call) {
   if (call.early_linked) {
      call.early_linked = false;
      core.relays.erase(early_key(call));
      if (Call *waiting = find_call(core, call.for_call)) give_back(core, *waiting);
   }
   // The waiting call itself is going: legs relaying into it let go of its stream.
   for (auto &[id, other] : core.calls) {
      if (other->for_call == call.id && other->early_linked) {
         other->early_linked = false;
         core.relays.erase(early_key(*other));
      }
   }
}

}  // namespace portier::trunk
