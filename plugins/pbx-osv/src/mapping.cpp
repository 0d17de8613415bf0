// SPDX-License-Identifier: GPL-3.0-or-later
#include "mapping.h"

#include <array>
#include <utility>

namespace portier::osv {
namespace {

struct Category {
   std::string_view name;
   std::int32_t base;
   portier_status status;
};

// The CHOICE of CSTAErrorCode (ECMA-323), in the standard's order.
constexpr std::array<Category, 8> kCategories{{
    {"operation", 1000, PORTIER_ERR_INVALID},
    {"security", 2000, PORTIER_ERR_DENIED},
    {"stateIncompatibility", 3000, PORTIER_ERR_STATE},
    {"systemResourceAvailability", 4000, PORTIER_ERR_BUSY},
    {"subscribedResourceAvailability", 5000, PORTIER_ERR_UNSUPPORTED},
    {"performanceManagement", 6000, PORTIER_ERR_BUSY},
    {"privateData", 7000, PORTIER_ERR_INTERNAL},
    {"unspecified", 8000, PORTIER_ERR_INTERNAL},
}};

// Values in the order ECMA-269 lists them; the number is the position from 1.
constexpr std::array<std::string_view, 20> kOperation{
    "generic", "requestIncompatibleWithObject", "valueOutOfRange", "objectNotKnown",
    "invalidCallingDevice", "invalidCalledDevice", "invalidForwardingDestination",
    "privilegeViolationOnSpecifiedDevice", "privilegeViolationOnCalledDevice",
    "privilegeViolationOnCallingDevice", "invalidCallIdentifier", "invalidDeviceIdentifier",
    "invalidConnectionIdentifier", "invalidDestination", "invalidFeature", "invalidAllocationState",
    "invalidCrossRefID", "invalidObjectType", "securityViolation", "invalidParameterValue"};
constexpr std::array<std::string_view, 12> kState{
    "generic", "invalidObjectState", "invalidConnectionID", "noActiveCall", "noHeldCall",
    "noCallToClear", "noConnectionToClear", "noCallToAnswer", "noCallToComplete",
    "invalidDeviceState", "invalidConnectionState", "incorrectCallState"};

template <std::size_t N>
std::int32_t position(const std::array<std::string_view, N> &table, std::string_view value) {
   for (std::size_t i = 0; i < N; ++i) {
      if (table[i] == value) return static_cast<std::int32_t>(i + 1);
   }
   return 0;
}

constexpr std::array<std::string_view, 40> kCauses{
    "activeParticipation", "alternate", "busy", "callBack", "callCancelled", "callForwardAlways",
    "callForwardBusy", "callForwardNoAnswer", "callForward", "callNotAnswered", "callPickup",
    "campOn", "destNotObtainable", "doNotDisturb", "incompatibleDestination", "invalidAccountCode",
    "keyOperation", "lockout", "maintenance", "networkCongestion", "networkNotObtainable",
    "newCall", "noAvailableAgents", "override", "park", "overflow", "recall", "redirected",
    "reorderTone", "resourcesNotAvailable", "silentParticipation", "transfer", "trunksBusy",
    "voiceUnitInitiator", "normalClearing", "consultation", "singleStepTransfer", "makeCall",
    "normal", "enteringDistribution"};

}  // namespace

MappedError map_error(const csta::CstaError &error) {
   MappedError out;
   out.message = error.category + ": " + error.value;
   for (const Category &c : kCategories) {
      if (c.name != error.category) continue;
      out.status = c.status;
      std::int32_t n = 0;
      if (c.name == "operation") n = position(kOperation, error.value);
      if (c.name == "stateIncompatibility") n = position(kState, error.value);
      out.detail = c.base + n;
      if (c.name == "operation" && (error.value == "objectNotKnown" || error.value == "invalidCrossRefID")) {
         out.status = PORTIER_ERR_NOT_FOUND;
      }
      return out;
   }
   out.detail = 9000;  // a category the standard does not have
   return out;
}

std::int32_t map_cause(std::string_view cause) {
   if (cause == "callForwardImmediate") return position(kCauses, "callForwardAlways");
   return position(kCauses, cause);
}

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
