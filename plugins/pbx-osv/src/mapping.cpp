// SPDX-License-Identifier: GPL-3.0-or-later
// The numbers are the SDK's pinned table (portier/kind/pbx_csta.h); this file only says which
// CSTA spelling is which number, so nothing here may renumber a value.
#include "mapping.h"

#include <array>
#include <utility>

#include <portier/kind/pbx_csta.h>

namespace portier::osv {
namespace {

struct Category {
   std::string_view name;
   std::int32_t base;
   portier_status status;
};

// The CHOICE of CSTAErrorCode (ECMA-323), in the standard's order.
constexpr std::array<Category, 8> kCategories{{
    {"operation", PORTIER_CSTA_ERR_OPERATION, PORTIER_ERR_INVALID},
    {"security", PORTIER_CSTA_ERR_SECURITY, PORTIER_ERR_DENIED},
    {"stateIncompatibility", PORTIER_CSTA_ERR_STATE, PORTIER_ERR_STATE},
    {"systemResourceAvailability", PORTIER_CSTA_ERR_SYSTEM_RESOURCE, PORTIER_ERR_BUSY},
    {"subscribedResourceAvailability", PORTIER_CSTA_ERR_SUBSCRIBED_RESOURCE, PORTIER_ERR_UNSUPPORTED},
    {"performanceManagement", PORTIER_CSTA_ERR_PERFORMANCE, PORTIER_ERR_BUSY},
    {"privateData", PORTIER_CSTA_ERR_PRIVATE_DATA, PORTIER_ERR_INTERNAL},
    {"unspecified", PORTIER_CSTA_ERR_UNSPECIFIED, PORTIER_ERR_INTERNAL},
}};

struct Named {
   std::string_view name;
   std::int32_t number;
};

// Both the ECMA-269 names and the shorter ECMA-323 XML spellings OSV writes.
constexpr std::array<Named, 24> kOperation{{
    {"generic", PORTIER_CSTA_ERR_OP_GENERIC},
    {"requestIncompatibleWithObject", PORTIER_CSTA_ERR_OP_REQUEST_INCOMPATIBLE_WITH_OBJECT},
    {"valueOutOfRange", PORTIER_CSTA_ERR_OP_VALUE_OUT_OF_RANGE},
    {"objectNotKnown", PORTIER_CSTA_ERR_OP_OBJECT_NOT_KNOWN},
    {"invalidCallingDevice", PORTIER_CSTA_ERR_OP_INVALID_CALLING_DEVICE},
    {"invalidCalledDevice", PORTIER_CSTA_ERR_OP_INVALID_CALLED_DEVICE},
    {"invalidForwardingDestination", PORTIER_CSTA_ERR_OP_INVALID_FORWARDING_DESTINATION},
    {"privilegeViolationOnSpecifiedDevice", PORTIER_CSTA_ERR_OP_PRIVILEGE_VIOLATION_ON_SPECIFIED_DEVICE},
    {"privilegeViolationOnCalledDevice", PORTIER_CSTA_ERR_OP_PRIVILEGE_VIOLATION_ON_CALLED_DEVICE},
    {"privilegeViolationOnCallingDevice", PORTIER_CSTA_ERR_OP_PRIVILEGE_VIOLATION_ON_CALLING_DEVICE},
    {"invalidCallIdentifier", PORTIER_CSTA_ERR_OP_INVALID_CALL_ID},
    {"invalidCallID", PORTIER_CSTA_ERR_OP_INVALID_CALL_ID},
    {"invalidDeviceIdentifier", PORTIER_CSTA_ERR_OP_INVALID_DEVICE_ID},
    {"invalidDeviceID", PORTIER_CSTA_ERR_OP_INVALID_DEVICE_ID},
    {"invalidConnectionIdentifier", PORTIER_CSTA_ERR_OP_INVALID_CONNECTION_ID},
    {"invalidConnectionID", PORTIER_CSTA_ERR_OP_INVALID_CONNECTION_ID},
    {"invalidDestination", PORTIER_CSTA_ERR_OP_INVALID_DESTINATION},
    {"invalidFeature", PORTIER_CSTA_ERR_OP_INVALID_FEATURE},
    {"invalidAllocationState", PORTIER_CSTA_ERR_OP_INVALID_ALLOCATION_STATE},
    {"invalidCrossRefID", PORTIER_CSTA_ERR_OP_INVALID_CROSS_REF_ID},
    {"invalidObjectType", PORTIER_CSTA_ERR_OP_INVALID_OBJECT_TYPE},
    {"securityViolation", PORTIER_CSTA_ERR_OP_SECURITY_VIOLATION},
    {"invalidParameterValue", PORTIER_CSTA_ERR_OP_INVALID_PARAMETER_VALUE},
    {"invalidMonitorObject", PORTIER_CSTA_ERR_OP_INVALID_MONITOR_OBJECT},
}};

constexpr std::array<Named, 12> kState{{
    {"generic", PORTIER_CSTA_ERR_STATE_GENERIC},
    {"invalidObjectState", PORTIER_CSTA_ERR_STATE_INVALID_OBJECT_STATE},
    {"invalidConnectionID", PORTIER_CSTA_ERR_STATE_INVALID_CONNECTION_ID},
    {"noActiveCall", PORTIER_CSTA_ERR_STATE_NO_ACTIVE_CALL},
    {"noHeldCall", PORTIER_CSTA_ERR_STATE_NO_HELD_CALL},
    {"noCallToClear", PORTIER_CSTA_ERR_STATE_NO_CALL_TO_CLEAR},
    {"noConnectionToClear", PORTIER_CSTA_ERR_STATE_NO_CONNECTION_TO_CLEAR},
    {"noCallToAnswer", PORTIER_CSTA_ERR_STATE_NO_CALL_TO_ANSWER},
    {"noCallToComplete", PORTIER_CSTA_ERR_STATE_NO_CALL_TO_COMPLETE},
    {"invalidDeviceState", PORTIER_CSTA_ERR_STATE_INVALID_DEVICE_STATE},
    {"invalidConnectionState", PORTIER_CSTA_ERR_STATE_INVALID_CONNECTION_STATE},
    {"incorrectCallState", PORTIER_CSTA_ERR_STATE_INCORRECT_CALL_STATE},
}};

constexpr std::array<Named, 42> kCauses{{
    {"activeParticipation", PORTIER_CSTA_CAUSE_ACTIVE_PARTICIPATION},
    {"alternate", PORTIER_CSTA_CAUSE_ALTERNATE},
    {"busy", PORTIER_CSTA_CAUSE_BUSY},
    {"callBack", PORTIER_CSTA_CAUSE_CALL_BACK},
    {"callCancelled", PORTIER_CSTA_CAUSE_CALL_CANCELLED},
    {"callForwardImmediate", PORTIER_CSTA_CAUSE_CALL_FORWARD_IMMEDIATE},
    {"callForwardAlways", PORTIER_CSTA_CAUSE_CALL_FORWARD_IMMEDIATE},
    {"callForwardBusy", PORTIER_CSTA_CAUSE_CALL_FORWARD_BUSY},
    {"callForwardNoAnswer", PORTIER_CSTA_CAUSE_CALL_FORWARD_NO_ANSWER},
    {"callForward", PORTIER_CSTA_CAUSE_CALL_FORWARD},
    {"callNotAnswered", PORTIER_CSTA_CAUSE_CALL_NOT_ANSWERED},
    {"callPickup", PORTIER_CSTA_CAUSE_CALL_PICKUP},
    {"campOn", PORTIER_CSTA_CAUSE_CAMP_ON},
    {"destNotObtainable", PORTIER_CSTA_CAUSE_DEST_NOT_OBTAINABLE},
    {"doNotDisturb", PORTIER_CSTA_CAUSE_DO_NOT_DISTURB},
    {"incompatibleDestination", PORTIER_CSTA_CAUSE_INCOMPATIBLE_DESTINATION},
    {"invalidAccountCode", PORTIER_CSTA_CAUSE_INVALID_ACCOUNT_CODE},
    {"keyOperation", PORTIER_CSTA_CAUSE_KEY_OPERATION},
    {"lockout", PORTIER_CSTA_CAUSE_LOCKOUT},
    {"maintenance", PORTIER_CSTA_CAUSE_MAINTENANCE},
    {"networkCongestion", PORTIER_CSTA_CAUSE_NETWORK_CONGESTION},
    {"networkNotObtainable", PORTIER_CSTA_CAUSE_NETWORK_NOT_OBTAINABLE},
    {"newCall", PORTIER_CSTA_CAUSE_NEW_CALL},
    {"noAvailableAgents", PORTIER_CSTA_CAUSE_NO_AVAILABLE_AGENTS},
    {"override", PORTIER_CSTA_CAUSE_OVERRIDE},
    {"park", PORTIER_CSTA_CAUSE_PARK},
    {"overflow", PORTIER_CSTA_CAUSE_OVERFLOW},
    {"recall", PORTIER_CSTA_CAUSE_RECALL},
    {"redirected", PORTIER_CSTA_CAUSE_REDIRECTED},
    {"reorderTone", PORTIER_CSTA_CAUSE_REORDER_TONE},
    {"resourcesNotAvailable", PORTIER_CSTA_CAUSE_RESOURCES_NOT_AVAILABLE},
    {"silentParticipation", PORTIER_CSTA_CAUSE_SILENT_PARTICIPATION},
    {"transfer", PORTIER_CSTA_CAUSE_TRANSFER},
    {"trunksBusy", PORTIER_CSTA_CAUSE_TRUNKS_BUSY},
    {"voiceUnitInitiator", PORTIER_CSTA_CAUSE_VOICE_UNIT_INITIATOR},
    {"normalClearing", PORTIER_CSTA_CAUSE_NORMAL_CLEARING},
    {"consultation", PORTIER_CSTA_CAUSE_CONSULTATION},
    {"singleStepTransfer", PORTIER_CSTA_CAUSE_SINGLE_STEP_TRANSFER},
    {"makeCall", PORTIER_CSTA_CAUSE_MAKE_CALL},
    {"normal", PORTIER_CSTA_CAUSE_NORMAL},
    {"enteringDistribution", PORTIER_CSTA_CAUSE_ENTERING_DISTRIBUTION},
    {"conference", PORTIER_CSTA_CAUSE_CONFERENCE},
}};

template <std::size_t N>
std::int32_t number_of(const std::array<Named, N> &table, std::string_view value) {
   for (const Named &n : table) {
      if (n.name == value) return n.number;
   }
   return 0;
}

}  // namespace

MappedError map_error(const csta::CstaError &error) {
   MappedError out;
   out.message = error.category + ": " + error.value;
   for (const Category &c : kCategories) {
      if (c.name != error.category) continue;
      out.status = c.status;
      std::int32_t n = 0;
      if (c.base == PORTIER_CSTA_ERR_OPERATION) n = number_of(kOperation, error.value);
      if (c.base == PORTIER_CSTA_ERR_STATE) n = number_of(kState, error.value);
      out.detail = n != 0 ? n : c.base;
      if (n == PORTIER_CSTA_ERR_OP_OBJECT_NOT_KNOWN || n == PORTIER_CSTA_ERR_OP_INVALID_CROSS_REF_ID) {
         out.status = PORTIER_ERR_NOT_FOUND;
      }
      return out;
   }
   out.detail = PORTIER_CSTA_ERR_UNKNOWN_CATEGORY;
   return out;
}

std::int32_t map_cause(std::string_view cause) { return number_of(kCauses, cause); }

std::int32_t map_call_event(csta::CallEventKind kind) {
   using K = csta::CallEventKind;
   switch (kind) {
   case K::delivered: return PORTIER_PBX_CALL_DELIVERED;
   case K::established: return PORTIER_PBX_CALL_ESTABLISHED;
   case K::connection_cleared: return PORTIER_PBX_CALL_CLEARED;
   case K::diverted: return PORTIER_PBX_CALL_DIVERTED;
   case K::transferred: return PORTIER_PBX_CALL_TRANSFERRED;
   case K::held: return PORTIER_PBX_CALL_HELD;
   case K::retrieved: return PORTIER_PBX_CALL_RETRIEVED;
   case K::originated: return PORTIER_PBX_CALL_ORIGINATED;
   case K::service_initiated: return PORTIER_PBX_CALL_SERVICE_INITIATED;
   case K::failed: return PORTIER_PBX_CALL_FAILED;
   case K::conferenced: return PORTIER_PBX_CALL_CONFERENCED;
   case K::call_information: return 0;
   }
   return 0;
}

std::string_view forwarding_type_name(std::int32_t type) {
   switch (type) {
   case PORTIER_PBX_FORWARD_UNCONDITIONAL: return "forwardImmediate";
   case PORTIER_PBX_FORWARD_BUSY: return "forwardBusy";
   case PORTIER_PBX_FORWARD_NO_ANSWER: return "forwardNoAns";
   default: return "";
   }
}

std::int32_t forwarding_type_of(std::string_view name) {
   // ...Int / ...Ext variants count as the plain type
   auto starts = [name](std::string_view p) { return name.substr(0, p.size()) == p; };
   if (starts("forwardImmediate")) return PORTIER_PBX_FORWARD_UNCONDITIONAL;
   if (starts("forwardBusy")) return PORTIER_PBX_FORWARD_BUSY;
   if (starts("forwardNoAns")) return PORTIER_PBX_FORWARD_NO_ANSWER;
   return 0;
}

}  // namespace portier::osv
