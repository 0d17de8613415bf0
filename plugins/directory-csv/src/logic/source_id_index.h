// SPDX-License-Identifier: GPL-3.0-or-later
// The source ids of one run's accepted contacts, for finding duplicates. Stores contact indexes
// only and compares through the contacts, so a million ids cost 8 MiB and no string copies.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include "contact.h"

namespace portier::csv {

class SourceIdIndex {
public:
   explicit SourceIdIndex(std::size_t expected);

   // The index of the contact in `contacts` whose source id is `id`, or nullopt after adding
   // `index` (the next contact's) under `id`.
   std::optional<std::uint32_t> find_or_add(std::string_view id, std::uint32_t index, const std::vector<Contact> &contacts);

private:
   void grow(const std::vector<Contact> &contacts);

   std::vector<std::uint32_t> slots_;  // contact index + 1; 0 = empty. Size: a power of two
   std::size_t used_ = 0;
};

}  // namespace portier::csv
