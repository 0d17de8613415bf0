// SPDX-License-Identifier: GPL-3.0-or-later
// libosip2 needs its parser tables built once per process and its trace output caught, or it
// prints "| ERROR |" lines to stdout. Every entry point of this part calls ensure_osip() first.
#pragma once

namespace portier::sip {

void ensure_osip();

}  // namespace portier::sip
