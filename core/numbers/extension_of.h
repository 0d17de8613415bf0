// SPDX-License-Identifier: GPL-3.0-or-later
// Extension matching: which of a site's extensions an E.164 number reaches.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "numbers/number_plan.h"

namespace portier::numbers {

// The extension when `e164` is on this site: after the longest matching trunk prefix, 1 to
// max_extension_length digits that the trunk reaches. nullopt otherwise.
std::optional<std::string> extension_of(const NumberPlan &plan, std::string_view e164);

}  // namespace portier::numbers
