// SPDX-License-Identifier: GPL-3.0-or-later
// Office events as the CSTA XML an OpenScape Voice sends. Device ids go out as the office's
// plain numbers (the DeviceId `raw` is the number), which is what a client sent to monitor them.
#pragma once

#include <string>

#include "office/office_events.h"

namespace portier::pbxsim {

// The monitorCrossRefID the event is reported for.
const std::string &cross_ref_of(const OfficeEvent &event);

// The event's XML body (frame it with invoke id 9999).
std::string event_xml(const OfficeEvent &event);

} // namespace portier::pbxsim
