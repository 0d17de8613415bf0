// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/runtime/processing_state.h"

namespace portier::engine {

std::string_view to_string(ProcessingState state) {
   switch (state) {
      case ProcessingState::held: return "held";
      case ProcessingState::transferring: return "transferring";
      case ProcessingState::transfer_failed: return "transfer_failed";
      case ProcessingState::parked: return "parked";
      case ProcessingState::paged: return "paged";
      case ProcessingState::park_expired: return "park_expired";
   }
   return "unknown";
}

}  // namespace portier::engine
