// SPDX-License-Identifier: GPL-3.0-or-later
// A Contact and a RejectedEntry as the shared driver's record views
// (plugins/lib-directory-source), for one sink call each.
#pragma once

#include <portier/directory_source/record_view.h>
#include <portier/kind/directory.h>

#include "entry_mapping.h"
#include "ldap_contact.h"

namespace portier::ldap {

// Fills `view` with pointers into `contact` (its buffers reused between calls); valid while
// `contact` lives unchanged. Strings are UTF-8, "" when absent, never NULL. [engine]
void view_as_record(const Contact &contact, directory_source::RecordView &view);

// Fills `reject` with pointers into `entry`: line is the entry number, offset the result page,
// source_key the DN. Valid while `entry` lives unchanged. [engine]
void view_as_reject(const RejectedEntry &entry, portier_directory_reject &reject);

}  // namespace portier::ldap
