// SPDX-License-Identifier: GPL-3.0-or-later
// The other direction: the XML body of what a PBX sends (responses, errors, events), for the
// simulated OpenScape Voice (pbx-sim). Same conventions as builders.h: declaration, ECMA-323 ed4
// namespace (ECMA-354 for the session response), children in the order of the examples in
// csta-famos.md section 1.6. Every document reads back through Parser into an equal struct,
// within the limits noted below. Frame events with encode_frame(kEventInvokeId, ...).
//
// Round-trip limits (the parser trims leaf text, and some fields share one element):
//  - DeviceId: only `raw` is written; number and name are what parse_device_id(raw) gives.
//  - leading/trailing whitespace in any text is lost.
//  - EmptyResponse: only requests the parser lists as empty (MonitorStop, AnswerCall, ...)
//    read back as EmptyResponse; others come back as UnknownMessage.
//  - SnapshotDeviceResponse: a service_cross_ref_id is the CHOICE; calls are then not written.
//  - CallEvent: originated reads subject and calling from one callingDevice (subject is written,
//    or calling when subject is empty); `connections` is written only for transferred and
//    conferenced, the kinds that have a list.
#pragma once

#include <string>

#include "portier/csta/messages.h"

namespace portier::csta {

// System services and the application session.
std::string build(const SystemRegisterResponse &response);
std::string build(const StartApplicationSessionPosResponse &response);
std::string build(const StartApplicationSessionNegResponse &response);
std::string build(const ResetApplicationSessionTimerPosResponse &response);
std::string build(const ResetApplicationSessionTimerNegResponse &response);
std::string build(const StopApplicationSessionPosResponse &response);
std::string build(const StopApplicationSessionNegResponse &response);
std::string build(const ApplicationSessionTerminated &event);

// Monitoring and snapshot.
std::string build(const MonitorStartResponse &response);
std::string build(const SnapshotDeviceResponse &response);

// Positive responses of call control, forwarding and do-not-disturb.
std::string build(const MakeCallResponse &response);
std::string build(const ConsultationCallResponse &response);
std::string build(const TransferCallResponse &response);
std::string build(const SingleStepTransferCallResponse &response);
std::string build(const GetForwardingResponse &response);
std::string build(const GetDoNotDisturbResponse &response);
// <{request}Response/>, e.g. EmptyResponse{"AnswerCall"} -> <AnswerCallResponse/>.
std::string build(const EmptyResponse &response);

// CSTAErrorCode: <{category}>{value}</{category}>, e.g. operation / invalidParameterValue.
std::string build(const CstaError &error);

// Events. A CallEvent's root is the ECMA-323 spelling OSV sends: TransferedEvent with one "r".
std::string_view root_of(CallEventKind kind);
std::string build(const CallEvent &event);
std::string build(const ForwardingEvent &event);
std::string build(const DoNotDisturbEvent &event);
std::string build(const OutOfServiceEvent &event);
std::string build(const BackInServiceEvent &event);

}  // namespace portier::csta
