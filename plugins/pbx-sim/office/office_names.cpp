// SPDX-License-Identifier: GPL-3.0-or-later
// CSTA spellings of the model's enums, and the category of each error value.
#include "office/office_events.h"
#include "office/office_types.h"

namespace portier::pbxsim {

ErrorCategory category_of(ErrorValue value) {
   switch (value) {
   case ErrorValue::invalid_object_state:
   case ErrorValue::invalid_device_state:
   case ErrorValue::invalid_connection_state:
   case ErrorValue::no_active_call:
   case ErrorValue::no_held_call:
   case ErrorValue::no_call_to_answer:
      return ErrorCategory::state_incompatibility;
   default:
      return ErrorCategory::operation;
   }
}

std::string_view to_string(DeviceState state) {
   switch (state) {
   case DeviceState::idle: return "idle";
   case DeviceState::ringing: return "ringing";
   case DeviceState::busy: return "busy";
   case DeviceState::held: return "held";
   case DeviceState::dnd: return "dnd";
   case DeviceState::forwarded: return "forwarded";
   case DeviceState::out_of_service: return "outOfService";
   }
   return "?";
}

std::string_view to_string(ConnectionState state) {
   switch (state) {
   case ConnectionState::null: return "null";
   case ConnectionState::initiated: return "initiated";
   case ConnectionState::alerting: return "alerting";
   case ConnectionState::connected: return "connected";
   case ConnectionState::held: return "hold";
   case ConnectionState::queued: return "queued";
   case ConnectionState::fail: return "fail";
   }
   return "?";
}

std::string_view to_string(ForwardType type) {
   switch (type) {
   case ForwardType::unconditional: return "forwardImmediate";
   case ForwardType::busy: return "forwardBusy";
   case ForwardType::no_answer: return "forwardNoAns";
   }
   return "?";
}

std::string_view to_string(ErrorCategory category) {
   return category == ErrorCategory::operation ? "operation" : "stateIncompatibility";
}

std::string_view to_string(ErrorValue value) {
   switch (value) {
   case ErrorValue::generic: return "generic";
   case ErrorValue::request_incompatible_with_object: return "requestIncompatibleWithObject";
   case ErrorValue::invalid_call_id: return "invalidCallID";
   case ErrorValue::invalid_device_id: return "invalidDeviceID";
   case ErrorValue::invalid_connection_id: return "invalidConnectionID";
   case ErrorValue::invalid_destination: return "invalidDestination";
   case ErrorValue::invalid_forwarding_destination: return "invalidForwardingDestination";
   case ErrorValue::invalid_cross_ref_id: return "invalidCrossRefID";
   case ErrorValue::invalid_monitor_object: return "invalidMonitorObject";
   case ErrorValue::invalid_object_state: return "invalidObjectState";
   case ErrorValue::invalid_device_state: return "invalidDeviceState";
   case ErrorValue::invalid_connection_state: return "invalidConnectionState";
   case ErrorValue::no_active_call: return "noActiveCall";
   case ErrorValue::no_held_call: return "noHeldCall";
   case ErrorValue::no_call_to_answer: return "noCallToAnswer";
   }
   return "?";
}

std::string_view to_string(CallEventType type) {
   switch (type) {
   case CallEventType::delivered: return "Delivered";
   case CallEventType::established: return "Established";
   case CallEventType::connection_cleared: return "ConnectionCleared";
   case CallEventType::diverted: return "Diverted";
   case CallEventType::transferred: return "Transferred";
   case CallEventType::held: return "Held";
   case CallEventType::retrieved: return "Retrieved";
   case CallEventType::originated: return "Originated";
   case CallEventType::service_initiated: return "ServiceInitiated";
   case CallEventType::failed: return "Failed";
   case CallEventType::conferenced: return "Conferenced";
   }
   return "?";
}

std::string_view to_string(EventCause cause) {
   switch (cause) {
   case EventCause::none: return "";
   case EventCause::new_call: return "newCall";
   case EventCause::make_call: return "makeCall";
   case EventCause::normal: return "normal";
   case EventCause::normal_clearing: return "normalClearing";
   case EventCause::consultation: return "consultation";
   case EventCause::busy: return "busy";
   case EventCause::do_not_disturb: return "doNotDisturb";
   case EventCause::dest_not_obtainable: return "destNotObtainable";
   case EventCause::call_forward_immediate: return "callForwardImmediate";
   case EventCause::call_forward_busy: return "callForwardBusy";
   case EventCause::call_forward_no_answer: return "callForwardNoAnswer";
   case EventCause::redirected: return "redirected";
   case EventCause::transfer: return "transfer";
   case EventCause::single_step_transfer: return "singleStepTransfer";
   case EventCause::conference: return "conference";
   case EventCause::call_not_answered: return "callNotAnswered";
   case EventCause::network_congestion: return "networkCongestion";
   case EventCause::network_not_obtainable: return "networkNotObtainable";
   }
   return "?";
}

} // namespace portier::pbxsim
