// SPDX-License-Identifier: GPL-3.0-or-later
// A contact as the store keeps it: one JSON text per source row and per shown contact.
#pragma once

#include <string>
#include <string_view>

#include "directory/contact.h"

namespace portier::directory {

std::string to_json(const Contact &contact);
// Only the store's own texts are read back; a broken one is an error, not a crash.
DirectoryResult<Contact> contact_from_json(std::string_view text);

}  // namespace portier::directory
