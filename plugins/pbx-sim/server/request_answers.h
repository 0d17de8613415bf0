// SPDX-License-Identifier: GPL-3.0-or-later
// One CSTA request from a client -> the office command -> the positive response or CSTAErrorCode.
//
// Device ids: the office matches numbers exactly. A request's device id is reduced to the
// number inside it (csta::parse_device_id): "100" stays "100", OSV's raw form
// "N<+493012345100>Name;displayNumber=100" becomes "+493012345100". So an office whose numbers
// are spelled as the client monitors them answers both forms; responses and events carry the
// office's number as the device id.
#pragma once

#include <string>
#include <string_view>

#include <portier/csta/messages.h>

#include "office/office.h"

namespace portier::pbxsim {

struct Answer {
   std::string xml;              // the response body; "" = nothing to send
   std::string monitor_started;  // the cross-ref id a MonitorStart returned, for ownership
   std::string monitor_stopped;  // the cross-ref id a MonitorStop ended
};

// Requests handled here: MonitorStart/Stop, SnapshotDevice, call control, forwarding and DND.
// System services (SystemStatus, SystemRegister) belong to the connection, not here; anything
// else gets CSTAErrorCode operation/requestIncompatibleWithObject.
Answer answer_request(Office &office, const csta::Message &request);

std::string office_number(std::string_view device_id);

} // namespace portier::pbxsim
