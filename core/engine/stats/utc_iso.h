// SPDX-License-Identifier: GPL-3.0-or-later
// UTC instants as front ends write them: "2024-01-01T09:15:00Z", to the second.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace portier::engine {

// Exactly "YYYY-MM-DDTHH:MM:SSZ" with a valid date (years 1970..9999); ms since the epoch.
std::optional<std::int64_t> parse_utc_iso(std::string_view text);

// The same form; milliseconds are dropped.
std::string format_utc_iso(std::int64_t utc_ms);

}  // namespace portier::engine
