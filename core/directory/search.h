// SPDX-License-Identifier: GPL-3.0-or-later
// Type-ahead search of the phone book: ranked pages of contacts for a fragment of a name, a
// department, a location or a number.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "directory/contact.h"
#include "directory/directory_db.h"
#include "directory/search_query.h"

namespace portier::directory {

inline constexpr std::size_t kMaxPageSize = 200;

struct SearchResult {
   std::int64_t contact_id = 0;  // stable across imports while the contact exists
   std::string display_name;
   std::string given_name;
   std::string family_name;
   std::string company;
   std::string department;
   std::string location;
   std::string building;
   std::vector<ContactNumber> numbers;
   std::string extension;
   std::vector<std::string> emails;
   std::vector<std::string> sources;  // every source with a row in this contact, by name
   MatchTier tier = MatchTier::exact;
   // Live state the phone book does not hold: the engine fills these from the busy lamps (by
   // extension), presence and calendar plugins (by e-mail) before results reach a console.
   std::optional<std::string> phone_state;
   std::optional<std::string> presence;
   std::optional<std::string> absence;
};

struct SearchPage {
   std::vector<SearchResult> results;
   std::string next_page_token;  // empty on the last page
};

// Results in tier order (exact, prefix, phonetic; or number), each tier in rank order (family,
// given, company). Several words must all match. `page_token` is "" for the first page, else the
// previous page's next_page_token: the next page starts right after the last result shown, so
// pages neither repeat nor skip a contact. `page_size` is 1..kMaxPageSize. `tenant` non-empty:
// only that tenant's contacts and those of "*" sources; empty: every contact (tools, tests).
DirectoryResult<SearchPage> search(DirectoryDb &db, std::string_view query, std::size_t page_size,
                                   std::string_view page_token, std::string_view tenant = {});

}  // namespace portier::directory
