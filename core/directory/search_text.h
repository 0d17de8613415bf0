// SPDX-License-Identifier: GPL-3.0-or-later
// What the search index holds for a contact, and the key that orders contacts for ranking.
#pragma once

#include <string>
#include <string_view>

#include "directory/contact.h"

namespace portier::directory {

struct SearchText {
   std::string names;   // folded words of the name parts, company, department, location, building
   std::string sounds;  // phonetic codes of the name parts: "k67 m0mr"
   std::string digits;  // the digits of each E.164 number and the extension: "498970071234 1234"
};

SearchText search_text_of(const Contact &contact);

// The contact's place in every result list: folded family, given, company, display, then `id` so
// that equal names keep one order. Compared bytewise.
std::string rank_key_of(const Contact &contact, long long id);

// The one index token that stands for a tenant's book: "t" and the tenant's bytes in hex, so every
// tenant name is one token that no query word or digit run can equal ("*", every tenant's, is
// "t2a"). Both indexes carry it, so a tenant's search walks only its own matches.
std::string scope_token(std::string_view tenant);

// The digits of `text` ("+49 (89) 7007-12" -> "4989700712").
std::string digits_of(std::string_view text);

}  // namespace portier::directory
