// SPDX-License-Identifier: GPL-3.0-or-later
// One CSTA request from a client -> the office command -> the positive response or CSTAErrorCode.
//
// Device ids: the office matches numbers exactly. A request's device id is reduced to the
// number inside it (csta::parse_device_id): "100" stays "100", OSV's raw form
// "N<+493012345100>Name;displayNumber=100" becomes "+493012345100". So an office whose numbers
// are spelled as the client monitors them answers both forms; responses and events carry the
// office's number as the device id.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

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

// ECMA-354 application sessions: StartApplicationSession grants a session (duration clamped to
// 10..3600 s, 600 when none is asked for; ed2..ed6 of ECMA-323 accepted), ResetApplicationSessionTimer
// and StopApplicationSession need its id. The simulator does not end sessions by itself.
struct AppSessionInfo {
   std::string id;
   std::string application_id;
   std::uint32_t duration_s = 0;
   int resets = 0;
   bool stopped = false;
};

class AppSessionTable {
public:
   // The answer to a session request, or nullopt when `request` is none.
   std::optional<std::string> answer(const csta::Message &request);
   std::vector<AppSessionInfo> sessions() const;

private:
   std::map<std::string, AppSessionInfo> sessions_;
};

// The table answer_request uses, one per office, until the server keeps one per connection.
// Session ids are unique in the process, so a table left by an earlier office at the same
// address holds no id a new client could hit. [any thread]
std::vector<AppSessionInfo> application_sessions(const Office &office);

} // namespace portier::pbxsim
