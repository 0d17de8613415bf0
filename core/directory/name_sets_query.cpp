// SPDX-License-Identifier: GPL-3.0-or-later
#include "directory/name_sets_query.h"

#include <algorithm>
#include <bit>

#include "directory/fold.h"
#include "directory/phonetic.h"
#include "directory/search_text.h"

namespace portier::directory {

std::optional<NameSetsQuery::Word> NameSetsQuery::word_of(const NameSets &book, const std::string &word,
                                                          std::size_t &rows) {
   Word w;
   const std::size_t blocks = (book.ranks.size() + 63) / 64;
   const auto [first, last] = book.names.prefixed(word);
   // The word itself, when a term, sorts first of the terms it starts.
   const bool is_term = first != last && book.names.terms[first] == word;
   w.letter = word.size() == 1 ? letter_bit(word[0]) : 0;
   // Rows to set one by one: not a one-letter word's prefix rows (its letter is tested), not what
   // NameSets keeps as bitmaps (pointed at).
   const Bits *common_prefix = w.letter ? nullptr : book.common_prefixes.find(word);
   const Bits *common_whole = is_term ? book.common_terms.find(word) : nullptr;
   if (is_term && !common_whole) rows += book.names.rows_of(first, first + 1);
   if (!w.letter && !common_prefix) rows += book.names.rows_of(first, last);
   const SoundTokens tokens = sound_tokens(word);
   for (const std::string *code : {&tokens.cologne, &tokens.english}) {
      if (code->empty()) continue;
      if (const Bits *bits = book.common_sounds.find(*code)) {
         w.common_sounds.push_back(bits);
      } else if (const std::size_t at = book.sounds.find(*code); at != book.sounds.terms.size()) {
         w.sounds.push_back(at);
         rows += book.sounds.rows_of(at, at + 1);
      }
   }
   if (rows > kSetRowBudget) return std::nullopt;
   // Words under three letters have no sound codes (phonetic.h); a one-letter word with one
   // would need a bitmap after all.
   if (w.letter && !(w.sounds.empty() && w.common_sounds.empty())) return std::nullopt;
   if (common_whole) {
      w.whole_bits = common_whole->data();
   } else {
      w.whole.assign(blocks, 0);
      if (is_term) book.names.set_rows(first, first + 1, w.whole);
      w.whole_bits = w.whole.data();
   }
   if (is_term) {
      w.whole_rows = book.names.rows_of(first, first + 1);
      w.whole_first = book.names.rows.data() + book.names.start[first];
   }
   if (common_prefix) {
      w.prefix_bits = common_prefix->data();
   } else if (!w.letter) {
      w.prefix.assign(blocks, 0);
      book.names.set_rows(first, last, w.prefix);
      w.prefix_bits = w.prefix.data();
   }
   return w;
}

std::optional<NameSetsQuery> NameSetsQuery::prepare(std::shared_ptr<const NameSets> sets, const SearchQuery &query) {
   if (!sets || query.words.size() < 2 || !query.digits.empty()) return std::nullopt;
   if (!std::all_of(query.words.begin(), query.words.end(), is_plain_word)) return std::nullopt;
   NameSetsQuery prepared(std::move(sets));
   const NameSets &book = *prepared.sets_;
   prepared.blocks_ = (book.ranks.size() + 63) / 64;
   std::size_t rows = 0;
   for (const std::string &word : query.words) {
      std::optional<Word> w = word_of(book, word, rows);
      if (!w) return std::nullopt;
      prepared.letters_ |= w->letter;
      prepared.any_sound_ = prepared.any_sound_ || !w->sounds.empty() || !w->common_sounds.empty();
      // Moving a Word keeps its vectors' buffers, so prefix_bits and whole_bits stay valid.
      prepared.words_.push_back(std::move(*w));
   }
   if (std::all_of(prepared.words_.begin(), prepared.words_.end(), [](const Word &w) { return w.letter != 0; }))
      return std::nullopt;  // nothing to walk but the letters of every row
   return prepared;
}

void NameSetsQuery::make_either() {
   for (Word &w : words_) {
      if (w.letter) continue;  // no sounds: its rows are its letter's
      w.either.assign(w.prefix_bits, w.prefix_bits + blocks_);
      for (const Bits *bits : w.common_sounds)
         for (std::size_t i = 0; i < w.either.size(); ++i) w.either[i] |= (*bits)[i];
      for (std::size_t at : w.sounds) sets_->sounds.set_rows(at, at + 1, w.either);
   }
   either_made_ = true;
}

void NameSetsQuery::fetch(MatchTier tier, std::int64_t after, std::size_t limit, std::string_view tenant,
                          std::vector<std::int64_t> &ranks) {
   const NameSets &book = *sets_;
   if (limit == 0 || tier == MatchTier::number || (tier == MatchTier::phonetic && !any_sound_)) return;
   if (tier == MatchTier::phonetic && !either_made_) make_either();
   // The tenant's own scope or every tenant's, as scoped() asks FTS5 (search_tier.cpp).
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
   std::size_t found = 0;
   const auto take = [&](std::size_t row) {
      if ((book.letters[row] & letters_) != letters_) return;  // a one-letter word starts no term
      if (!tenant.empty() && book.scope_of[row] != own && book.scope_of[row] != every) return;
      ranks.push_back(book.ranks[row]);
      ++found;
   };
   const auto bit = [](const std::uint64_t *bits, std::size_t row) { return (bits[row >> 6] >> (row & 63)) & 1; };
   if (tier == MatchTier::exact) {
      // The rarest word's own rows, each looked up in the others' bitmaps: usually a few thousand
      // rows, where a walk of the whole book is 16,000 words a bitmap at a million contacts.
      const Word &rarest = *std::min_element(words_.begin(), words_.end(),
                                             [](const Word &a, const Word &b) { return a.whole_rows < b.whole_rows; });
      const std::uint32_t *end = rarest.whole_first + rarest.whole_rows;
      for (const std::uint32_t *row = std::lower_bound(rarest.whole_first, end, first); row != end && found < limit;
           ++row) {
         if (std::all_of(words_.begin(), words_.end(), [&](const Word &w) { return bit(w.whole_bits, *row); }))
            take(*row);
      }
      return;
   }
   // prefix: every word as a prefix, not all whole; phonetic: every word as a prefix or by sound,
   // not all as prefixes. 64 rows at a time, in rank order. A one-letter word is tested by take():
   // its prefix rows are its sound rows, and every row take() keeps holds its letter.
   const bool phonetic = tier == MatchTier::phonetic;
   std::vector<const std::uint64_t *> ins, outs;
   for (const Word &w : words_) {
      if (!w.letter) ins.push_back(phonetic ? w.either.data() : w.prefix_bits);
      if (!(phonetic && w.letter)) outs.push_back(phonetic ? w.prefix_bits : w.whole_bits);
   }
   const std::size_t blocks = blocks_;
   for (std::size_t block = first / 64; block < blocks && found < limit; ++block) {
      std::uint64_t in = ~std::uint64_t{0}, out = ~std::uint64_t{0};
      for (const std::uint64_t *bits : ins) in &= bits[block];
      for (const std::uint64_t *bits : outs) out &= bits[block];
      std::uint64_t mask = in & ~out;
      if (block == first / 64) mask &= ~std::uint64_t{0} << (first % 64);
      for (; mask != 0 && found < limit; mask &= mask - 1)
         take(block * 64 + static_cast<std::size_t>(std::countr_zero(mask)));
   }
}

}  // namespace portier::directory
