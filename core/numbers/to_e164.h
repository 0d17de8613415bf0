// SPDX-License-Identifier: GPL-3.0-or-later
// Any form of a number at a site -> E.164 ("+4989700712").
#pragma once

#include <string>
#include <string_view>

#include "numbers/form.h"
#include "numbers/number_error.h"
#include "numbers/number_plan.h"

namespace portier::numbers {

// `text` read as `form` at the site of `plan`: an extension (up to max_extension_length digits,
// not starting with an access code) gets its trunk's prefix; access codes, trunk codes, "00" and
// '+' say which part of the world the rest is in; spaces, '-', '.', '/', brackets are skipped and
// an international form's "(0)" is dropped. A "+" form is read the same in both forms.
NumberResult<std::string> to_e164(const NumberPlan &plan, std::string_view text, Form form);

}  // namespace portier::numbers
