// SPDX-License-Identifier: GPL-3.0-or-later
// The plugin's status line after an import, as `portier status` shows it.
#pragma once

#include <cstdint>
#include <string>

namespace portier::directory_source {

// `head` with the run's duration and when it ended: "last import: 12 read, ... in 0.2 s at host
// clock 35.0 s". Times are host-clock microseconds. Pure. [any]
std::string status_line(const std::string &head, std::int64_t started_us, std::int64_t finished_us);

}  // namespace portier::directory_source
