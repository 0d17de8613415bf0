// SPDX-License-Identifier: GPL-3.0-or-later
// Wall-clock time for people (logs, `portier status`). The engine never reads it: its time is
// the host clock.
#pragma once

#include <string>

namespace portier::kernel {

// Now, UTC, ISO 8601 to the second: "2026-11-28T12:00:00Z".
std::string utc_now_iso();

// Now, UTC, ISO 8601 to the millisecond: "2026-11-28T12:00:00.123Z".
std::string utc_now_iso_ms();

}  // namespace portier::kernel
