// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/host/engine_log.h"

#include <type_traits>

#include "engine/runtime/event_names.h"
#include "engine/runtime/overload.h"
#include "engine/runtime/processing_state.h"

namespace portier::engine {

std::string describe(const EngineEvent &event) {
   return std::visit(
       [](const auto &e) -> std::string {
          using T = std::decay_t<decltype(e)>;
          if constexpr (std::is_same_v<T, CallQueued>) {
             return e.call_id + ": queued " + (e.returned ? "again " : "") + "in " +
                    (e.personal ? "personal queue " : "queue ") + e.queue + " (priority " +
                    std::to_string(e.priority) + ")";
          } else if constexpr (std::is_same_v<T, CallOffered>) {
             return e.call_id + ": offered to " + e.attendant + " on leg " + e.leg_id;
          } else if constexpr (std::is_same_v<T, CallTakenBack>) {
             return e.call_id + ": taken back from " + e.attendant;
          } else if constexpr (std::is_same_v<T, CallConnected>) {
             return e.call_id + ": connected to " + e.attendant;
          } else if constexpr (std::is_same_v<T, CallEnded>) {
             std::string line = e.call_id + ": ended " + std::string(to_string(e.reason)) + " after " +
                                std::to_string(e.waiting_ms) + " ms";
             if (!e.variant.empty()) line += " (variant " + e.variant + ")";
             if (!e.attendant.empty()) line += " (attendant " + e.attendant + ")";
             return line;
          } else if constexpr (std::is_same_v<T, AttendantChanged>) {
             std::string line = "attendant " + e.attendant + ": " + std::string(to_string(e.state));
             if (!e.call_id.empty()) line += " with " + e.call_id;
             return line;
          } else if constexpr (std::is_same_v<T, CallProcessing>) {
             std::string line = e.call_id + ": " + std::string(to_string(e.state)) + " in the processing queue";
             if (!e.attendant.empty()) line += " by " + e.attendant;
             if (!e.target.empty()) line += " (target " + e.target + ")";
             if (!e.callback_number.empty()) line += " (callback number " + e.callback_number + ")";
             return line;
          } else if constexpr (std::is_same_v<T, ChannelAlert>) {
             return "channels: " + std::string(to_string(e.level)) + ", " + std::to_string(e.in_use) + " of " +
                    std::to_string(e.total) + " in use (" + std::to_string(e.processing) + " for callers)";
          } else if constexpr (std::is_same_v<T, LinkState>) {
             return std::string(to_string(e.link)) + " link '" + e.id + "': " + std::string(to_string(e.state)) +
                    (e.detail.empty() ? "" : " (" + e.detail + ")");
          } else if constexpr (std::is_same_v<T, EngineNote>) {
             return e.call_id + ": note: " + e.text;
          } else if constexpr (requires { e.call_id; }) {
             // An event kind newer than this file: still one line with its call id.
             return e.call_id + ": changed";
          } else {
             return "engine event";
          }
       },
       event);
}

}  // namespace portier::engine
