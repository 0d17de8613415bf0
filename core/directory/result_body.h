// SPDX-License-Identifier: GPL-3.0-or-later
// The fields a search result shows, read straight from a stored contact body: a page reads up to
// kMaxPageSize bodies per keystroke, and building a JSON tree for each cost more than the index.
#pragma once

#include <string_view>

#include "directory/search.h"

namespace portier::directory {

// Fills `result`'s display name, names, company, department, location, building, numbers,
// extension and e-mails from `body` as contact_json_writer.cpp writes it (one object of strings,
// a string array "e" and an array "p" of [type, e164, given]), with the values contact_from_json
// would give. False, with `result` partly filled, when the body is not of that shape or not
// well-formed UTF-8 (a JSON text Portier did not write, a broken store): the caller then reads it
// with contact_from_json, which reports the error. Any thread; no shared state.
bool read_result_body(std::string_view body, SearchResult &result);

}  // namespace portier::directory
