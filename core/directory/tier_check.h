// SPDX-License-Identifier: GPL-3.0-or-later
// A name tier's match test made in C++ on one contact's index tokens: what FTS5 decides for
// fts_expression(query, tier), for the rows a driver_expression() found (search_query.h).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "directory/search_query.h"

namespace portier::directory {

class TierCheck {
public:
   // For the prefix and phonetic tiers of a query whose driver_expression() is not empty (its
   // words are plain ASCII, at most kMaxQueryWords). Thread: any; one contact at a time.
   TierCheck(const SearchQuery &query, MatchTier tier);

   // Starts a contact: forgets the tokens seen so far.
   void start() { exact_ = prefix_ = sound_ = 0; }
   // One token FTS5 made of the contact's `names` column, and of its `sounds` column.
   void name_token(std::string_view token);
   void sound_token(std::string_view token);
   // Whether the tokens given since start() match the tier, as the tier's FTS5 expression would.
   bool matches() const;
   // Whether the tier reads the sounds column (only then need sound_token be called).
   bool needs_sounds() const { return tier_ == MatchTier::phonetic; }

private:
   MatchTier tier_;
   std::vector<std::string> words_;
   std::vector<std::vector<std::string>> sounds_;  // each word's sound tokens, as FTS5 folds them
   std::uint32_t all_ = 0;                         // bit i: word i
   std::uint32_t exact_ = 0, prefix_ = 0, sound_ = 0;
};

}  // namespace portier::directory
