// SPDX-License-Identifier: GPL-3.0-or-later
// A Contact seen as the SDK's portier_directory_record, for one sink call.
#pragma once

#include <vector>

#include <portier/kind/directory.h>

#include "contact.h"

namespace portier::csv {

// Fills `record` with pointers into `contact` (and `phones`, reused between calls); valid while
// both live unchanged. Strings are UTF-8, "" when absent, never NULL. The record has no place yet
// for building, cost centre, notes, extension or more than one e-mail (see the plugin's README).
void view_as_record(const Contact &contact, std::vector<portier_directory_phone> &phones,
                    portier_directory_record &record);

}  // namespace portier::csv
