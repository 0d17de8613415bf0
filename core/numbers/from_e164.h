// SPDX-License-Identifier: GPL-3.0-or-later
// E.164 -> the form to dial from a site, or the form to show there.
#pragma once

#include <string>
#include <string_view>

#include "numbers/form.h"
#include "numbers/number_error.h"
#include "numbers/number_plan.h"

namespace portier::numbers {

// Form::dial: the extension when the number is on this site, else the shortest of VNR node form,
// local, national and international (with the access codes) that to_e164 reads back as `e164`.
// Form::display: national ("089 7007123") in the site's country, else "+44 2079460000".
// The result always reads back as `e164` with to_e164(plan, result, form), except an extension
// reached by a second trunk without a range, which reads back through the first such trunk.
NumberResult<std::string> from_e164(const NumberPlan &plan, std::string_view e164, Form form);

}  // namespace portier::numbers
