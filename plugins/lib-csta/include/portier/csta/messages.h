// SPDX-License-Identifier: GPL-3.0-or-later
// The CSTA messages Portier sends and understands, as plain structs. The parser produces a
// Message; the builders (builders.h) take the request structs. Field names follow ECMA-323.
#pragma once

#include <cstdint>
#include <string>
#include <variant>
#include <vector>

#include "portier/csta/device_id.h"

namespace portier::csta {

inline constexpr char kNamespaceEd4[] = "http://www.ecma-international.org/standards/ecma-323/csta/ed4";
inline constexpr char kNamespaceSession[] = "http://www.ecma-international.org/standards/ecma-354/appl_session";

// A connection: a call at a device (ECMA-269 ConnectionID).
struct ConnectionId {
   std::string call_id;  // opaque; OSV uses 32 hex characters
   DeviceId device;
   bool operator==(const ConnectionId &) const = default;
};
ConnectionId connection(std::string call_id, std::string_view device);

// ---- System services and the ECMA-354 application session ----
struct SystemStatus {            // the PBX asks; answer at once with SystemStatusResponse
   std::string status = "normal";
   std::string register_id;      // sysStatRegisterID, after SystemRegister
   bool operator==(const SystemStatus &) const = default;
};
struct SystemStatusResponse {
   bool operator==(const SystemStatusResponse &) const = default;
};
struct SystemRegister {
   bool system_status = true;            // requestTypes/systemStatus
   bool request_system_status = false;   // requestTypes/requestSystemStatus
   bool operator==(const SystemRegister &) const = default;
};
struct SystemRegisterResponse {
   std::string register_id;
   bool operator==(const SystemRegisterResponse &) const = default;
};
struct StartApplicationSession {
   std::string application_id;
   std::string protocol_version = kNamespaceEd4;
   std::uint32_t session_duration = 600;  // seconds
   bool operator==(const StartApplicationSession &) const = default;
};
struct StartApplicationSessionPosResponse {
   std::string session_id;
   std::string protocol_version;
   std::uint32_t session_duration = 0;
   bool operator==(const StartApplicationSessionPosResponse &) const = default;
};
struct StartApplicationSessionNegResponse {
   std::string error;  // definedError, or the text of whatever error element came
   bool operator==(const StartApplicationSessionNegResponse &) const = default;
};
// Keep-alive of the session: send before half the actual duration has passed.
struct ResetApplicationSessionTimer {
   std::string session_id;
   std::uint32_t session_duration = 600;  // requestedSessionDuration, seconds
   bool operator==(const ResetApplicationSessionTimer &) const = default;
};
struct ResetApplicationSessionTimerPosResponse {
   std::uint32_t session_duration = 0;  // actualSessionDuration; 0 when not given
   bool operator==(const ResetApplicationSessionTimerPosResponse &) const = default;
};
struct ResetApplicationSessionTimerNegResponse {
   std::string error;  // invalidSessionID, serverCannotResetSessionTimer, ...
   bool operator==(const ResetApplicationSessionTimerNegResponse &) const = default;
};
struct StopApplicationSession {
   std::string session_id;
   std::string end_reason = "normal";  // sessionEndReason/definedEndReason
   bool operator==(const StopApplicationSession &) const = default;
};
struct StopApplicationSessionPosResponse {
   bool operator==(const StopApplicationSessionPosResponse &) const = default;
};
struct StopApplicationSessionNegResponse {
   std::string error;
   bool operator==(const StopApplicationSessionNegResponse &) const = default;
};
// The switch ends the session (timer expired, resources): the application must start over.
struct ApplicationSessionTerminated {
   std::string session_id;
   std::string reason;  // sessionTermReason: definedTermReason or serverTermReason text
   bool operator==(const ApplicationSessionTerminated &) const = default;
};

// ---- Monitoring and snapshot ----
struct MonitorStart {
   std::string device;
   std::string type_of_number;  // the deviceObject attribute, or "" for none
   bool operator==(const MonitorStart &) const = default;
};
struct MonitorStartResponse {
   std::string cross_ref_id;
   bool operator==(const MonitorStartResponse &) const = default;
};
struct MonitorStop {
   std::string cross_ref_id;
   bool operator==(const MonitorStop &) const = default;
};
struct SnapshotDevice {
   std::string device;
   bool operator==(const SnapshotDevice &) const = default;
};
struct SnapshotCall {
   ConnectionId connection;
   std::string state;  // localConnectionState: null, initiated, alerting, connected, hold, queued, fail
   bool operator==(const SnapshotCall &) const = default;
};
struct SnapshotDeviceResponse {
   std::vector<SnapshotCall> calls;   // empty for an idle device
   std::string service_cross_ref_id;  // set when the data follows in SnapshotDeviceData segments
   bool operator==(const SnapshotDeviceResponse &) const = default;
};

// ---- Call control requests and their responses ----
struct MakeCall {
   std::string calling_device;
   std::string called_number;
   bool prompt = false;  // autoOriginate: prompt rings the caller first, doNotPrompt does not
   bool operator==(const MakeCall &) const = default;
};
struct MakeCallResponse {
   ConnectionId calling;  // the new call at the calling device
   bool operator==(const MakeCallResponse &) const = default;
};
struct AnswerCall {
   ConnectionId call;
   bool operator==(const AnswerCall &) const = default;
};
struct ClearConnection {
   ConnectionId connection;
   bool operator==(const ClearConnection &) const = default;
};
struct HoldCall {
   ConnectionId call;
   bool operator==(const HoldCall &) const = default;
};
struct RetrieveCall {
   ConnectionId call;
   bool operator==(const RetrieveCall &) const = default;
};
struct ConsultationCall {
   ConnectionId existing;
   std::string consulted_device;
   bool operator==(const ConsultationCall &) const = default;
};
struct ConsultationCallResponse {
   ConnectionId initiated;
   bool operator==(const ConsultationCallResponse &) const = default;
};
struct TransferCall {
   ConnectionId held;
   ConnectionId active;
   bool operator==(const TransferCall &) const = default;
};
struct TransferCallResponse {
   ConnectionId transferred;
   bool operator==(const TransferCallResponse &) const = default;
};
struct SingleStepTransferCall {
   ConnectionId active;
   std::string transferred_to;
   bool operator==(const SingleStepTransferCall &) const = default;
};
struct SingleStepTransferCallResponse {
   ConnectionId transferred;
   bool operator==(const SingleStepTransferCallResponse &) const = default;
};
struct DeflectCall {
   ConnectionId call;
   std::string new_destination;
   bool operator==(const DeflectCall &) const = default;
};

// ---- Forwarding and do-not-disturb ----
// forwardingType values: forwardImmediate, forwardBusy, forwardNoAns, forwardDND, and the
// ...Int / ...Ext variants; kept as text, the driver maps the ones it knows.
struct SetForwarding {
   std::string device;
   std::string forwarding_type = "forwardImmediate";
   bool activate = true;
   std::string forward_dn;  // "" when switching off
   bool operator==(const SetForwarding &) const = default;
};
struct GetForwarding {
   std::string device;
   bool operator==(const GetForwarding &) const = default;
};
struct ForwardingItem {
   std::string forwarding_type;
   bool on = false;
   std::string forward_dn;
   std::uint32_t ring_count = 0;  // 0 when not given
   bool operator==(const ForwardingItem &) const = default;
};
struct GetForwardingResponse {
   std::vector<ForwardingItem> items;
   bool operator==(const GetForwardingResponse &) const = default;
};
struct SetDoNotDisturb {
   std::string device;
   bool on = true;
   bool operator==(const SetDoNotDisturb &) const = default;
};
struct GetDoNotDisturb {
   std::string device;
   bool operator==(const GetDoNotDisturb &) const = default;
};
struct GetDoNotDisturbResponse {
   bool on = false;
   bool operator==(const GetDoNotDisturbResponse &) const = default;
};

// A positive response without fields we use: MonitorStopResponse, AnswerCallResponse,
// ClearConnectionResponse, HoldCallResponse, RetrieveCallResponse, DeflectCallResponse,
// SetForwardingResponse, SetDoNotDisturbResponse, ... `name` is the request's element name.
struct EmptyResponse {
   std::string request;  // e.g. "AnswerCall"
   bool operator==(const EmptyResponse &) const = default;
};

// Replaces the positive response, same invoke id. `category` is the CHOICE element
// (operation, stateIncompatibility, systemResourceAvailability, ...), `value` its text.
struct CstaError {
   std::string category;
   std::string value;
   bool operator==(const CstaError &) const = default;
};

// ---- Events (invoke id 9999), routed by monitorCrossRefID ----
enum class CallEventKind {
   delivered, established, connection_cleared, diverted, transferred, held, retrieved,
   originated, service_initiated, failed, conferenced, call_information,
};
std::string_view name_of(CallEventKind kind);

struct ConnectionListItem {  // transferredConnections / conferenceConnections
   ConnectionId new_connection;
   ConnectionId old_connection;  // empty when not given
   DeviceId endpoint;            // empty when not given
   bool operator==(const ConnectionListItem &) const = default;
};

// All call events share one shape; which element filled which field depends on `kind`:
//   connection  the connection the event is about (for transfer/conference: primaryOldCall)
//   secondary   secondaryOldCall of a transfer or conference
//   subject     the device that acted: alerting, answering, releasing, diverting, transferring,
//               holding, retrieving, calling (originated), initiating, failing, conferencing
//   other       where the call went: newDestination (diverted), transferredToDevice, addedParty
struct CallEvent {
   CallEventKind kind = CallEventKind::delivered;
   std::string cross_ref_id;
   ConnectionId connection;
   ConnectionId secondary;
   DeviceId subject;
   DeviceId calling;
   DeviceId called;
   DeviceId other;
   DeviceId last_redirection;
   std::vector<ConnectionListItem> connections;
   std::string local_connection_info;  // null, initiated, alerting, connected, hold, queued, fail
   std::string cause;                  // newCall, normalClearing, busy, transfer, ...
   bool operator==(const CallEvent &) const = default;
};
struct ForwardingEvent {
   std::string cross_ref_id;
   DeviceId device;
   std::string forwarding_type;
   bool on = false;
   std::string forward_to;
   bool operator==(const ForwardingEvent &) const = default;
};
struct DoNotDisturbEvent {
   std::string cross_ref_id;
   DeviceId device;
   bool on = false;
   bool operator==(const DoNotDisturbEvent &) const = default;
};

// ECMA-269 device maintenance events: the device went out of service (unplugged, unregistered)
// or came back.
struct OutOfServiceEvent {
   std::string cross_ref_id;
   DeviceId device;
   bool operator==(const OutOfServiceEvent &) const = default;
};
struct BackInServiceEvent {
   std::string cross_ref_id;
   DeviceId device;
   bool operator==(const BackInServiceEvent &) const = default;
};

// A well-formed document whose root we do not handle; the driver logs it (and answers a
// request from the PBX with CSTAErrorCode).
struct UnknownMessage {
   std::string root;
   bool operator==(const UnknownMessage &) const = default;
};

using Message = std::variant<
   UnknownMessage, SystemStatus, SystemStatusResponse, SystemRegister, SystemRegisterResponse,
   StartApplicationSession, StartApplicationSessionPosResponse, StartApplicationSessionNegResponse,
   ResetApplicationSessionTimer, ResetApplicationSessionTimerPosResponse,
   ResetApplicationSessionTimerNegResponse, StopApplicationSession, StopApplicationSessionPosResponse,
   StopApplicationSessionNegResponse, ApplicationSessionTerminated,
   MonitorStart, MonitorStartResponse, MonitorStop, SnapshotDevice, SnapshotDeviceResponse,
   MakeCall, MakeCallResponse, AnswerCall, ClearConnection, HoldCall, RetrieveCall,
   ConsultationCall, ConsultationCallResponse, TransferCall, TransferCallResponse,
   SingleStepTransferCall, SingleStepTransferCallResponse, DeflectCall, SetForwarding,
   GetForwarding, GetForwardingResponse, SetDoNotDisturb, GetDoNotDisturb, GetDoNotDisturbResponse,
   EmptyResponse, CstaError, CallEvent, ForwardingEvent, DoNotDisturbEvent,
   OutOfServiceEvent, BackInServiceEvent>;

}  // namespace portier::csta
