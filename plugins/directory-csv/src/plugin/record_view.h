// SPDX-License-Identifier: GPL-3.0-or-later
// A Contact seen as the SDK's portier_directory_record, for one sink call.
#pragma once

#include <vector>

#include <portier/kind/directory.h>

#include "contact.h"
#include "import_report.h"

namespace portier::csv {

// Fills `record` with pointers into `contact` (and `phones` and `emails`, reused between calls);
// valid while all three live unchanged. Strings are UTF-8, "" when absent, never NULL; `emails`
// lists every address, the first also in `email`.
void view_as_record(const Contact &contact, std::vector<portier_directory_phone> &phones,
                    std::vector<const char *> &emails, portier_directory_record &record);

// Fills `reject` with pointers into `row`; valid while `row` lives unchanged.
void view_as_reject(const RejectedRow &row, portier_directory_reject &reject);

}  // namespace portier::csv
