// SPDX-License-Identifier: GPL-3.0-or-later
// The XML body of each request we send (and of SystemStatusResponse, our answer to the PBX):
// declaration, ECMA-323 ed4 namespace (ECMA-354 for the application session), children in the
// standard's order. Frame it with encode_frame().
#pragma once

#include <string>

#include "portier/csta/messages.h"

namespace portier::csta {

std::string build(const SystemStatus &request);
std::string build(const SystemStatusResponse &response);
std::string build(const SystemRegister &request);
std::string build(const StartApplicationSession &request);
std::string build(const ResetApplicationSessionTimer &request);
std::string build(const StopApplicationSession &request);
std::string build(const MonitorStart &request);
std::string build(const MonitorStop &request);
std::string build(const SnapshotDevice &request);
std::string build(const MakeCall &request);
std::string build(const AnswerCall &request);
std::string build(const ClearConnection &request);
std::string build(const HoldCall &request);
std::string build(const RetrieveCall &request);
std::string build(const ConsultationCall &request);
std::string build(const TransferCall &request);
std::string build(const SingleStepTransferCall &request);
std::string build(const DeflectCall &request);
std::string build(const SetForwarding &request);
std::string build(const GetForwarding &request);
std::string build(const SetDoNotDisturb &request);
std::string build(const GetDoNotDisturb &request);

}  // namespace portier::csta
