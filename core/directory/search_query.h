// SPDX-License-Identifier: GPL-3.0-or-later
// What a typed query means: name words that must all match, or a number fragment; and the FTS5
// expressions of each match tier.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "directory/directory_error.h"

namespace portier::directory {

inline constexpr std::size_t kMaxQueryBytes = 256;
inline constexpr std::size_t kMaxQueryWords = 8;
// The longest prefix name_index has a prefix index for (prefix='1 2 3 4 5', directory_db.cpp,
// schema version 6). A longer prefix makes FTS5 merge the doclists of every term it starts before
// the first row comes back.
inline constexpr std::size_t kIndexedPrefixChars = 5;

enum class MatchTier {
   exact = 1,     // every word is a whole word of the contact
   prefix = 2,    // every word starts a word of the contact, not all whole
   phonetic = 3,  // some word only sounds like one (asked only when tiers 1-2 fill less than a page)
   number = 4,    // the digits occur in one of the contact's numbers or its extension
};

struct SearchQuery {
   std::vector<std::string> words;  // folded, for name tiers
   std::string digits;              // for the number tier; set when the query is a number
};

// "mü fr" -> words {"mu", "fr"}; "089 7007", "+49 89", "8970071" -> digits. A query of only
// digits and number separators with at least 3 digits is a number.
DirectoryResult<SearchQuery> parse_query(std::string_view text);

// The FTS5 expression of `tier` for the query, "" when the tier cannot match (no sound codes).
// exact: all words whole; prefix: all words as prefixes, not exact; phonetic: each word as a
// prefix or by sound, not all as prefixes; number: the digits as a prefix of a digit suffix.
std::string fts_expression(const SearchQuery &query, MatchTier tier);

// The phonetic tier without its "not all as prefixes": its rows and the rows matching every word
// as a prefix, which a caller that already holds those (the exact and prefix tiers read to their
// end) drops itself. FTS5 would otherwise evaluate the all-prefix AND again under the NOT, walking
// both words' prefix doclists a second time. "" when the tier cannot match.
std::string phonetic_candidates_expression(const SearchQuery &query);

// A cheaper superset of fts_expression(query, tier) for the prefix and phonetic tiers when a word
// is longer than kIndexedPrefixChars: such a word is asked as its first 5 letters (a prefix
// index term, read lazily in rank order), and where the tier excludes it as a prefix, as the
// whole word (a subset). Every row of the tier is in the driver's rows; tier_check.h tells which
// driver rows are the tier's. "" when the tier's own expression is as cheap: no long word, or a
// word the driver cannot stand for (not plain ASCII letters and digits).
std::string driver_expression(const SearchQuery &query, MatchTier tier);

}  // namespace portier::directory
