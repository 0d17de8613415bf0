// SPDX-License-Identifier: GPL-3.0-or-later
// Whether a service is open at a local time.
#pragma once

#include <optional>

#include "engine/model/opening_hours.h"
#include "engine/runtime/timers.h"

namespace portier::engine {

// A dated exception replaces the weekly schedule for its day.
bool is_open(const OpeningHours &hours, const LocalTime &at);

// A service without opening hours is always open.
bool is_open(const std::optional<OpeningHours> &hours, const LocalTime &at);

}  // namespace portier::engine
