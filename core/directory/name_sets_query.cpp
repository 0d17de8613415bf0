// SPDX-License-Identifier: GPL-3.0-or-later
#include "directory/name_sets_query.h"

#include <algorithm>
#include <bit>

#include "directory/phonetic.h"
#include "directory/search_text.h"

namespace portier::directory {

namespace {

bool is_plain(std::string_view word) {
   return !word.empty() && std::all_of(word.begin(), word.end(), [](char ch) {
      return (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9');
   });
}

void set_rows(std::vector<std::uint64_t> &bits, const TermPostings &postings, std::size_t first, std::size_t last) {
   const std::uint32_t *row = postings.rows.data() + postings.start[first];
   const std::uint32_t *end = postings.rows.data() + postings.start[last];
   for (; row != end; ++row) bits[*row >> 6] |= std::uint64_t{1} << (*row & 63);
}

}  // namespace

std::optional<NameSetsQuery> NameSetsQuery::prepare(std::shared_ptr<const NameSets> sets, const SearchQuery &query) {
   if (!sets || query.words.size() < 2 || !query.digits.empty()) return std::nullopt;
   if (!std::all_of(query.words.begin(), query.words.end(), is_plain)) return std::nullopt;
   const NameSets &book = *sets;
   struct Ranges {
      std::pair<std::size_t, std::size_t> prefix;
      std::size_t whole = 0;
      std::vector<std::size_t> sounds;
   };
   std::vector<Ranges> ranges;
   std::size_t rows = 0;
   for (const std::string &word : query.words) {
      Ranges r;
      r.prefix = book.names.prefixed(word);
      rows += book.names.rows_of(r.prefix.first, r.prefix.second);
      r.whole = book.names.find(word);
      const SoundTokens tokens = sound_tokens(word);
      for (const std::string *code : {&tokens.cologne, &tokens.english}) {
         if (code->empty()) continue;
         if (const std::size_t at = book.sounds.find(*code); at != book.sounds.terms.size()) {
            r.sounds.push_back(at);
            rows += book.sounds.rows_of(at, at + 1);
         }
      }
      if (rows > kSetRowBudget) return std::nullopt;
      ranges.push_back(std::move(r));
   }
   NameSetsQuery prepared(std::move(sets));
   const std::size_t blocks = (book.ranks.size() + 63) / 64;
   for (const Ranges &r : ranges) {
      Bits prefix(blocks, 0);
      set_rows(prefix, book.names, r.prefix.first, r.prefix.second);
      Bits either = prefix;
      for (std::size_t at : r.sounds) set_rows(either, book.sounds, at, at + 1);
      prepared.any_sound_ = prepared.any_sound_ || !r.sounds.empty();
      prepared.prefix_.push_back(std::move(prefix));
      prepared.either_.push_back(std::move(either));
      if (r.whole == book.names.terms.size()) prepared.whole_.emplace_back();
      else
         prepared.whole_.emplace_back(book.names.rows.data() + book.names.start[r.whole],
                                      book.names.rows.data() + book.names.start[r.whole + 1]);
   }
   return prepared;
}

bool NameSetsQuery::whole_in_all(std::uint32_t row) const {
   return std::all_of(whole_.begin(), whole_.end(),
                      [row](std::span<const std::uint32_t> rows) { return std::binary_search(rows.begin(), rows.end(), row); });
}

void NameSetsQuery::fetch(MatchTier tier, std::int64_t after, std::size_t limit, std::string_view tenant,
                          std::vector<std::int64_t> &ranks) const {
   const NameSets &book = *sets_;
   if (limit == 0 || tier == MatchTier::number || (tier == MatchTier::phonetic && !any_sound_)) return;
   // Each word's scope test: the tenant's own scope or every tenant's, as scoped() asks FTS5.
   std::size_t own = book.scopes.size(), every = book.scopes.size();
   if (!tenant.empty()) {
      const std::string own_token = scope_token(tenant), every_token = scope_token(kEveryTenant);
      for (std::size_t i = 0; i < book.scopes.size(); ++i) {
         if (book.scopes[i] == own_token) own = i;
         if (book.scopes[i] == every_token) every = i;
      }
      if (own == book.scopes.size() && every == book.scopes.size()) return;
   }
   const auto first = static_cast<std::size_t>(std::upper_bound(book.ranks.begin(), book.ranks.end(), after) -
                                               book.ranks.begin());
   const auto in_scope = [&](std::uint32_t row) {
      return tenant.empty() || book.scope_of[row] == own || book.scope_of[row] == every;
   };
   std::size_t found = 0;
   if (tier == MatchTier::exact) {
      // The rarest word's whole-term rows, each looked up in the others'.
      const auto rarest = std::min_element(whole_.begin(), whole_.end(),
                                           [](auto a, auto b) { return a.size() < b.size(); });
      for (auto row = std::lower_bound(rarest->begin(), rarest->end(), static_cast<std::uint32_t>(first));
           row != rarest->end() && found < limit; ++row) {
         if (!in_scope(*row) || !whole_in_all(*row)) continue;
         ranks.push_back(book.ranks[*row]);
         ++found;
      }
      return;
   }
   const std::size_t blocks = prefix_.front().size();
   for (std::size_t block = first / 64; block < blocks && found < limit; ++block) {
      std::uint64_t all_prefix = ~std::uint64_t{0};
      for (const Bits &bits : prefix_) all_prefix &= bits[block];
      std::uint64_t mask = all_prefix;
      if (tier == MatchTier::phonetic) {
         std::uint64_t all_either = ~std::uint64_t{0};
         for (const Bits &bits : either_) all_either &= bits[block];
         mask = all_either & ~all_prefix;
      }
      if (block == first / 64) mask &= ~std::uint64_t{0} << (first % 64);
      while (mask != 0 && found < limit) {
         const auto row = static_cast<std::uint32_t>(block * 64 + static_cast<std::size_t>(std::countr_zero(mask)));
         mask &= mask - 1;
         if (!in_scope(row)) continue;
         // The prefix tier leaves the rows holding every word whole to the exact tier.
         if (tier == MatchTier::prefix && whole_in_all(row)) continue;
         ranks.push_back(book.ranks[row]);
         ++found;
      }
   }
}

}  // namespace portier::directory
