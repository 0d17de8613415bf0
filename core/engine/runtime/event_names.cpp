// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/runtime/event_names.h"

namespace portier::engine {

std::string_view to_string(EndReason reason) {
   switch (reason) {
   case EndReason::answered: return "answered";
   case EndReason::abandoned: return "abandoned";
   case EndReason::variant: return "variant";
   case EndReason::rejected: return "rejected";
   case EndReason::transferred: return "transferred";
   case EndReason::released: return "released";
   }
   return "unknown";
}

std::string_view to_string(AttendantState state) {
   switch (state) {
   case AttendantState::logged_off: return "logged_off";
   case AttendantState::unavailable: return "unavailable";
   case AttendantState::available: return "available";
   case AttendantState::offered: return "offered";
   case AttendantState::busy: return "busy";
   }
   return "unknown";
}

std::string_view to_string(CallPhase phase) {
   switch (phase) {
   case CallPhase::ringing: return "ringing";
   case CallPhase::waiting: return "waiting";
   case CallPhase::offered: return "offered";
   case CallPhase::greeting: return "greeting";
   case CallPhase::connected: return "connected";
   case CallPhase::processing: return "processing";
   case CallPhase::variant: return "variant";
   }
   return "unknown";
}

}  // namespace portier::engine
