// SPDX-License-Identifier: GPL-3.0-or-later
// The CSTA request an engine command becomes, for the commands that need no monitor
// bookkeeping (all but monitor_start and monitor_stop, which the link handles itself).
#pragma once

#include <string>

#include "link.h"

namespace portier::osv {

struct CommandRequest {
   std::string what;  // the request's element name, for messages
   std::string xml;
};

CommandRequest command_request(const Command &c);

}  // namespace portier::osv
