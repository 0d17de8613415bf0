// SPDX-License-Identifier: GPL-3.0-or-later
// A Contact and a RejectedEntry seen as the SDK's records, for one sink call each.
#pragma once

#include <vector>

#include <portier/kind/directory.h>

#include "entry_mapping.h"
#include "ldap_contact.h"

namespace portier::ldap {

// Fills `record` with pointers into `contact` (and `phones` and `emails`, reused between calls);
// valid while all three live unchanged. Strings are UTF-8, "" when absent, never NULL.
void view_as_record(const Contact &contact, std::vector<portier_directory_phone> &phones,
                    std::vector<const char *> &emails, portier_directory_record &record);

// Fills `reject` with pointers into `entry`: line is the entry number, offset the result page,
// source_key the DN. Valid while `entry` lives unchanged.
void view_as_reject(const RejectedEntry &entry, portier_directory_reject &reject);

}  // namespace portier::ldap
