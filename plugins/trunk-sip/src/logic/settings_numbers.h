// SPDX-License-Identifier: GPL-3.0-or-later
// The number-range settings of trunk.sip (pilot_numbers, personal_lines, loop_number,
// request_numbers, callback_numbers) read into a NumberPlan. Part of read_settings.
#pragma once

#include <portier/settings.hpp>

#include "nested_settings.h"
#include "numbers.h"

namespace portier::trunk {

// Reads the keys from `s` (named "settings"); problems go to `problems`. `required`: trunk mode
// needs at least one pilot number.
NumberPlan read_number_plan(Settings &s, Problems &problems, bool required);

}  // namespace portier::trunk
