// SPDX-License-Identifier: GPL-3.0-or-later
// The office the simulator runs when the configuration names none: a small Munich office.
#pragma once

#include "office/office_types.h"

namespace portier::pbxsim {

// Two attendants (+49 89 7007 100, 101), 20 office users (+49 89 7007 200..219) with varied
// answer habits, and a few outside callers from Germany, the UK, France and the US.
OfficeSpec default_office();

}  // namespace portier::pbxsim
