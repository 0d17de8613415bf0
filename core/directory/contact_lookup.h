// SPDX-License-Identifier: GPL-3.0-or-later
// One shown contact by its id, with every field, for a console that opens a search result.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "directory/contact.h"
#include "directory/directory_db.h"

namespace portier::directory {

struct ContactRecord {
   std::int64_t id = 0;
   Contact contact;                   // the shown (merged) contact, tenant included
   std::vector<std::string> sources;  // every source with a row in it, by name
};

// The contact `id` as `tenant` may see it: nullopt when there is none, or it belongs to another
// tenant (a "*" contact belongs to all). `tenant` empty: any contact. Errors: a broken store.
DirectoryResult<std::optional<ContactRecord>> find_contact(DirectoryDb &db, std::string_view tenant,
                                                           std::int64_t id);

// The names of the sources with a row in contact `id`, sorted.
DirectoryResult<std::vector<std::string>> sources_of(DirectoryDb &db, std::int64_t id);

}  // namespace portier::directory
