// SPDX-License-Identifier: GPL-3.0-or-later
// Which device of a pbx plugin's busy-lamp board is a phone-book contact's phone. A board keys
// devices as the PBX reports them: digits ("7201") from one PBX, E.164 ("+49897007201") from
// another, while contacts carry what the phone book holds (digit extensions, E.164 numbers).
// Engine thread only.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "kernel/device_board.h"
#include "numbers/number_plan.h"

namespace portier::kernel {

// The board's key for the contact among the devices of `plugin`, nullopt when none matches.
// In this order: the extension as it is; the E.164 the number plan makes of it; a device whose
// E.164 the plan reads back as the extension; one of the contact's E.164 `numbers` as it is;
// and last the one E.164 device (of the plan's country and area, when the plan has them) that
// ends in the extension, when exactly one does. `plan` may be null.
std::optional<std::string> device_of_contact(const DeviceBoard &board, std::string_view plugin,
                                             std::string_view extension, const std::vector<std::string> &numbers,
                                             const numbers::NumberPlan *plan);

}  // namespace portier::kernel
