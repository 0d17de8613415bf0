// SPDX-License-Identifier: GPL-3.0-or-later
// Channel levels and the DDI entry's overload rule.
#include "engine/runtime/overload.h"

#include "engine/runtime/engine.h"

namespace portier::engine {

std::uint32_t processing_channels(std::uint32_t total, std::uint32_t ratio) {
   if (total <= kReservedChannels || ratio == 0) return 0;
   const std::uint64_t shared = total - kReservedChannels;
   return static_cast<std::uint32_t>(shared * ratio / (1 + static_cast<std::uint64_t>(ratio)));
}

ChannelLevel channel_level_for(std::uint32_t processing_in_use, std::uint32_t processing) {
   if (processing == 0) return ChannelLevel::normal;
   if (processing_in_use >= processing) return ChannelLevel::full;
   // 10 * in_use >= 9 * processing is "at least 90 %", without rounding in floating point.
   if (std::uint64_t{processing_in_use} * 10 >= std::uint64_t{processing} * 9) return ChannelLevel::alert;
   return ChannelLevel::normal;
}

std::string_view to_string(ChannelLevel level) {
   switch (level) {
   case ChannelLevel::normal: return "normal";
   case ChannelLevel::alert: return "alert";
   case ChannelLevel::full: return "full";
   }
   return "unknown";
}

// A (re)attached trunk: the ratio is the fallback until it shows that it splits its channels.
void Engine::set_channel_ratio(std::uint32_t ratio) {
   channel_ratio_ = ratio == 0 ? kDefaultChannelRatio : ratio;
   trunk_splits_channels_ = false;
}

void Engine::on_channels(std::uint32_t in_use, std::uint32_t total) {
   if (trunk_splits_channels_) return;  // its CHANNEL_SPLIT, sent just before, already counted
   processing_channels_ = processing_channels(total, channel_ratio_);
   // The trunk counts every channel; the legs the engine placed sit on operational ones.
   const std::size_t legs = call_by_leg_.size();
   const std::uint32_t callers = in_use > legs ? static_cast<std::uint32_t>(in_use - legs) : 0;
   set_channel_level(in_use, total, channel_level_for(callers, processing_channels_));
}

void Engine::on_channel_split(std::uint32_t in_use, std::uint32_t total, std::uint32_t processing_in_use,
                              std::uint32_t processing_total) {
   trunk_splits_channels_ = true;
   processing_channels_ = processing_total;
   set_channel_level(in_use, total, channel_level_for(processing_in_use, processing_total));
}

void Engine::set_channel_level(std::uint32_t in_use, std::uint32_t total, ChannelLevel level) {
   if (level == channel_level_) return;
   channel_level_ = level;
   emit(ChannelAlert{in_use, total, processing_channels_, level});
}

// Judged by the engine's own calls, each holding one processing channel, not by the last report:
// a trunk may report a new call's channel before or after offering it.
bool Engine::overloaded() const { return processing_channels_ > 0 && calls_.size() >= processing_channels_; }

void Engine::apply_overload(const IncomingCall &incoming, const DdiEntry *entry) {
   const std::string &id = incoming.call_id;
   std::string text = "overload: all " + std::to_string(processing_channels_) + " processing channels in use; ";
   if (entry && entry->overload == OverloadRule::forwarding && !entry->overload_destination.empty()) {
      const std::string &to = entry->overload_destination;
      if (trunk_.redirect(id, to)) {
         text += "forwarding to " + to + " (302)";
      } else {
         text += "forwarding to " + to + " is not possible: the trunk cannot redirect; busy (486)";
         trunk_.reject(id, kSipBusyHere);
      }
   } else {
      text += "busy (486)";
      trunk_.reject(id, kSipBusyHere);
   }
   // The call is not held, so its tenant comes from the number dialled.
   std::string tenant;
   if (entry) {
      tenant = entry->tenant;
   } else if (const auto line = attendant_by_line_.find(incoming.called); line != attendant_by_line_.end()) {
      tenant = attendants_.at(line->second).tenant;
   }
   emit(EngineNote{id, std::move(text), tenant});
   CallEnded ended;
   ended.call_id = id;
   ended.reason = EndReason::rejected;
   ended.queue = entry ? entry->pilot_number : incoming.called;
   ended.personal = entry == nullptr;
   ended.overload = true;
   ended.tenant = std::move(tenant);
   emit(std::move(ended));
}

}  // namespace portier::engine
