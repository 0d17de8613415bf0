// SPDX-License-Identifier: GPL-3.0-or-later
// Runs one engine command on the I/O thread and answers it with PORTIER_TRUNK_EV_RESULT
// (status OK, or the error with the SIP status as detail).
#pragma once

#include "command.h"

namespace portier::trunk {

struct Core;

void run_command(Core &core, const Command &command);

}  // namespace portier::trunk
