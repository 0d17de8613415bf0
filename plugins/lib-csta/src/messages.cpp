// SPDX-License-Identifier: GPL-3.0-or-later
#include "portier/csta/messages.h"

namespace portier::csta {

ConnectionId connection(std::string call_id, std::string_view device) {
   return ConnectionId{std::move(call_id), parse_device_id(device)};
}

std::string_view name_of(CallEventKind kind) {
   switch (kind) {
   case CallEventKind::delivered: return "Delivered";
   case CallEventKind::established: return "Established";
   case CallEventKind::connection_cleared: return "ConnectionCleared";
   case CallEventKind::diverted: return "Diverted";
   case CallEventKind::transferred: return "Transferred";
   case CallEventKind::held: return "Held";
   case CallEventKind::retrieved: return "Retrieved";
   case CallEventKind::originated: return "Originated";
   case CallEventKind::service_initiated: return "ServiceInitiated";
   case CallEventKind::failed: return "Failed";
   case CallEventKind::conferenced: return "Conferenced";
   case CallEventKind::call_information: return "CallInformation";
   }
   return "Unknown";
}

}  // namespace portier::csta
