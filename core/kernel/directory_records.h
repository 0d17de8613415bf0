// SPDX-License-Identifier: GPL-3.0-or-later
// A directory plugin's record as a phone-book row: the ABI's borrowed C strings copied into a
// directory::Contact. Fields a record of an older plugin lacks stay empty.
#pragma once

#include <portier/kind/directory.h>

#include "directory/contact.h"

namespace portier::kernel {

// `source` names the plugin instance; numbers keep the source's form (apply_source normalises).
directory::Contact contact_of(const portier_directory_record &record, std::string_view source);

}  // namespace portier::kernel
