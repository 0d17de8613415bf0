// SPDX-License-Identifier: GPL-3.0-or-later
// The keys by which live state finds a shown contact: its extension (busy lamps, presence by
// extension) and its e-mail addresses (presence by e-mail). Read whole after each import, so
// the kernel can map a key to the contacts it belongs to without a query per event.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "directory/directory_db.h"

namespace portier::directory {

struct ContactKeys {
   std::int64_t id = 0;
   std::string tenant;                // a tenant name, or "*" for every tenant's
   std::string extension;             // "" when none
   std::vector<std::string> emails;   // as the sources gave them
};

// Every shown contact's keys, ordered by id; contacts with neither an extension nor an e-mail
// are left out. Errors: a broken store or a contact body that does not parse.
DirectoryResult<std::vector<ContactKeys>> contact_keys(DirectoryDb &db);

}  // namespace portier::directory
