// SPDX-License-Identifier: GPL-3.0-or-later
// What the office reports to monitors: one record per monitored device and change.
#pragma once

#include "office/office_types.h"

#include <string>
#include <string_view>
#include <variant>

namespace portier::pbxsim {

enum class CallEventType {
   delivered,
   established,
   connection_cleared,
   diverted,
   transferred,
   held,
   retrieved,
   originated,
   service_initiated,
   failed,
   conferenced
};

// ECMA-269 event causes the model produces.
enum class EventCause {
   none,
   new_call,
   make_call,
   normal,
   normal_clearing,
   consultation,
   busy,
   do_not_disturb,
   dest_not_obtainable,
   call_forward_immediate,
   call_forward_busy,
   call_forward_no_answer,
   redirected,
   transfer,
   single_step_transfer,
   conference,
   // A call over the trunk that failed (the SIP side's final responses and timeouts).
   call_not_answered,
   network_congestion,
   network_not_obtainable
};

struct CallEvent {
   CallEventType type = CallEventType::delivered;
   std::string cross_ref;         // the monitor reporting it
   std::string monitored;         // that monitor's device
   std::string call_id;           // the call; for Transferred / Conferenced the primary old call
   std::string secondary_call_id; // Transferred by TransferCall, Conferenced: the consultation call
   std::string new_call_id;       // Transferred, Conferenced: the call the parties are in now
   std::string subject;           // alerting / answering / releasing / holding / diverting /
                                  // transferring / failing / initiating device
   std::string calling;
   std::string called;            // as dialled
   std::string connected;         // alerting or answering party, diversion or transfer target
   std::string redirecting;       // last device that diverted the call, or ""
   ConnectionState local_state = ConnectionState::null; // the monitored device's connection after it
   EventCause cause = EventCause::none;
   friend bool operator==(const CallEvent &, const CallEvent &) = default;
};

struct ForwardingEvent {
   std::string cross_ref;
   std::string device;
   ForwardType type = ForwardType::unconditional;
   bool on = false;
   std::string destination;
   friend bool operator==(const ForwardingEvent &, const ForwardingEvent &) = default;
};

struct DoNotDisturbEvent {
   std::string cross_ref;
   std::string device;
   bool on = false;
   friend bool operator==(const DoNotDisturbEvent &, const DoNotDisturbEvent &) = default;
};

// ECMA-269 device maintenance: OutOfServiceEvent (in_service false) or BackInServiceEvent.
struct ServiceEvent {
   std::string cross_ref;
   std::string device;
   bool in_service = true;
   friend bool operator==(const ServiceEvent &, const ServiceEvent &) = default;
};

using OfficeEvent = std::variant<CallEvent, ForwardingEvent, DoNotDisturbEvent, ServiceEvent>;

// CSTA spellings: "DeliveredEvent" -> "delivered", causes as "callForwardImmediate".
std::string_view to_string(CallEventType type);
std::string_view to_string(EventCause cause);

} // namespace portier::pbxsim
