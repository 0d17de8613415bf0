// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/runtime/call_type_rules.h"

namespace portier::engine {

std::string_view to_string(DiversionReason reason) {
   switch (reason) {
   case DiversionReason::none: return "none";
   case DiversionReason::unconditional: return "unconditional";
   case DiversionReason::busy: return "busy";
   case DiversionReason::no_reply: return "no_reply";
   case DiversionReason::unknown: return "unknown";
   }
   return "unknown";
}

Diversion diversion_of(DiversionReason reported, std::string_view called, std::string_view diverted_from,
                       std::string_view original_called) {
   const bool elsewhere = !original_called.empty() && original_called != called;
   Diversion d;
   d.reason = reported;
   if (d.reason == DiversionReason::none && (elsewhere || !diverted_from.empty())) d.reason = DiversionReason::unknown;
   if (d.reason == DiversionReason::none) return d;
   d.original_destination = std::string(elsewhere ? original_called : diverted_from);
   return d;
}

bool is_internal_caller(std::string_view caller, std::uint32_t max_extension_length) {
   if (caller.empty() || caller.size() > max_extension_length) return false;
   for (const char c : caller)
      if (c < '0' || c > '9') return false;
   return true;
}

CallType call_type_for(const CallTypeInput &input) {
   if (input.personal_line) return CallType::personal;
   if (input.diversion == DiversionReason::none) {
      return input.purpose == CallType::main && input.internal_caller ? CallType::internal : input.purpose;
   }
   switch (input.purpose) {
   case CallType::forwarding_busy:
   case CallType::forwarding_no_reply:
   case CallType::invalid_destination:
   case CallType::personal:  // not a DDI purpose; kept as given
      return input.purpose;
   case CallType::main:
   case CallType::internal:
   case CallType::intercept:
      break;
   }
   if (input.diversion == DiversionReason::busy) return CallType::forwarding_busy;
   if (input.diversion == DiversionReason::no_reply) return CallType::forwarding_no_reply;
   return CallType::intercept;
}

}  // namespace portier::engine
