// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/host/trunk_events.h"

#include <cstring>
#include <string>

#include <nlohmann/json.hpp>
#include <portier/kind/pbx.h>
#include <portier/kind/trunk.h>

namespace portier::engine {
namespace {

// A string field, never read past its array even if the plugin left out the NUL.
template <std::size_t N>
std::string field(const char (&text)[N]) {
   return std::string(text, strnlen(text, N));
}

// The record as T when the plugin sent at least all of T; the host copied exactly struct_size.
template <typename T>
const T *as(const portier_event_header &ev) {
   if (ev.struct_size < sizeof(T)) return nullptr;
   return reinterpret_cast<const T *>(&ev);
}

}  // namespace

DiversionReason diversion_reason(std::int32_t cause) {
   switch (cause) {
   case 0: return DiversionReason::none;
   case PORTIER_PBX_FORWARD_UNCONDITIONAL: return DiversionReason::unconditional;
   case PORTIER_PBX_FORWARD_BUSY: return DiversionReason::busy;
   case PORTIER_PBX_FORWARD_NO_ANSWER: return DiversionReason::no_reply;
   default: return DiversionReason::unknown;
   }
}

std::uint32_t channel_ratio_setting(std::string_view settings_json) {
   constexpr std::int64_t kMaxRatio = 1000;
   const nlohmann::json settings = nlohmann::json::parse(settings_json, nullptr, false);
   if (!settings.is_object()) return kDefaultChannelRatio;
   const auto ratio = settings.find("ratio");
   if (ratio == settings.end() || !ratio->is_number_integer()) return kDefaultChannelRatio;
   const std::int64_t value = ratio->get<std::int64_t>();
   return value >= 1 && value <= kMaxRatio ? static_cast<std::uint32_t>(value) : kDefaultChannelRatio;
}

TrunkEventUse route_trunk_event(const portier_event_header &ev, Engine &engine, TrunkAdapter &adapter) {
   if (ev.space != PORTIER_SPACE_TRUNK) return TrunkEventUse::unused;
   switch (ev.type) {
      case PORTIER_TRUNK_EV_RESULT: {
         const auto *r = as<portier_trunk_result_event>(ev);
         if (!r) return TrunkEventUse::malformed;
         adapter.on_result(*r);
         return TrunkEventUse::adapter;
      }
      case PORTIER_TRUNK_EV_INCOMING: {
         const auto *in = as<portier_trunk_incoming_event>(ev);
         if (!in) return TrunkEventUse::malformed;
         IncomingCall call;
         call.call_id = field(in->call_id);
         call.caller = field(in->caller);
         call.called = field(in->called);
         call.diverted_from = field(in->diverted_from);
         call.original_called = field(in->original_called);
         call.diversion = diversion_reason(in->diversion_reason);
         engine.on_incoming(call);
         return TrunkEventUse::engine;
      }
      case PORTIER_TRUNK_EV_CHANNELS: {
         const auto *ch = as<portier_trunk_channels_event>(ev);
         if (!ch) return TrunkEventUse::malformed;
         engine.on_channels(ch->in_use, ch->total);
         return TrunkEventUse::engine;
      }
      case PORTIER_TRUNK_EV_CHANNEL_SPLIT: {
         const auto *split = as<portier_trunk_channel_split_event>(ev);
         if (!split) return TrunkEventUse::malformed;
         engine.on_channel_split(split->in_use, split->total, split->processing_in_use, split->processing_total);
         return TrunkEventUse::engine;
      }
      case PORTIER_TRUNK_EV_ANSWERED:
      case PORTIER_TRUNK_EV_ENDED:
      case PORTIER_TRUNK_EV_MEDIA_DONE:
      case PORTIER_TRUNK_EV_CONNECTED: {
         const auto *c = as<portier_trunk_call_event>(ev);
         if (!c) return TrunkEventUse::malformed;
         const std::string id = field(c->call_id);
         if (ev.type == PORTIER_TRUNK_EV_ANSWERED) engine.on_answered(id);
         if (ev.type == PORTIER_TRUNK_EV_ENDED) engine.on_ended(id, c->value);
         if (ev.type == PORTIER_TRUNK_EV_MEDIA_DONE) engine.on_media_done(id, field(c->media_id));
         if (ev.type == PORTIER_TRUNK_EV_CONNECTED) engine.on_connected(id, field(c->other_call_id));
         return TrunkEventUse::engine;
      }
      default:
         return TrunkEventUse::unused;
   }
}

}  // namespace portier::engine
