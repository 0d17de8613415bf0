// SPDX-License-Identifier: GPL-3.0-or-later
// The stored JSON text of a contact, written directly: an import writes one per source row, and
// building a JSON tree first cost more than the rest of a row's validation.
#pragma once

#include <optional>
#include <string>

#include "directory/contact.h"

namespace portier::directory {

// The same bytes nlohmann::json's dump() gives for contact_json.cpp's object (keys in byte order,
// no spaces, the same escapes), so bodies stored before compare equal and a re-run counts them
// unchanged. Nullopt when a text is not well-formed UTF-8: the caller then uses nlohmann, which
// replaces the broken bytes. Any thread; no shared state.
std::optional<std::string> write_contact_json(const Contact &contact);

}  // namespace portier::directory
