// SPDX-License-Identifier: GPL-3.0-or-later
#include "directory/tier_check.h"

#include <utility>

#include "directory/phonetic.h"

namespace portier::directory {

TierCheck::TierCheck(const SearchQuery &query, MatchTier tier) : tier_(tier), words_(query.words) {
   if (words_.size() > kMaxQueryWords) words_.resize(kMaxQueryWords);
   all_ = (1u << words_.size()) - 1;
   for (const std::string &word : words_) {
      std::vector<std::string> &codes = sounds_.emplace_back();
      // The tokens search_query.cpp's sound alternatives ask for; lower case, as FTS5 makes them.
      SoundTokens tokens = sound_tokens(word);
      if (!tokens.cologne.empty()) codes.push_back(std::move(tokens.cologne));
      if (!tokens.english.empty()) codes.push_back(std::move(tokens.english));
   }
}

void TierCheck::name_token(std::string_view token) {
   for (std::size_t i = 0; i < words_.size(); ++i) {
      if (!token.starts_with(words_[i])) continue;
      prefix_ |= 1u << i;
      if (token.size() == words_[i].size()) exact_ |= 1u << i;
   }
}

void TierCheck::sound_token(std::string_view token) {
   for (std::size_t i = 0; i < words_.size(); ++i)
      for (const std::string &code : sounds_[i])
         if (token == code) sound_ |= 1u << i;
}

bool TierCheck::matches() const {
   switch (tier_) {
      case MatchTier::exact: return exact_ == all_;
      // All words as prefixes, not all whole.
      case MatchTier::prefix: return prefix_ == all_ && exact_ != all_;
      // Each word as a prefix or by sound, not all as prefixes.
      case MatchTier::phonetic: return (prefix_ | sound_) == all_ && prefix_ != all_;
      case MatchTier::number: break;
   }
   return false;
}

}  // namespace portier::directory
