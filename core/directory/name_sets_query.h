// SPDX-License-Identifier: GPL-3.0-or-later
// The name tiers of one search answered from a NameSets (name_sets.h) instead of FTS5: each
// word's rows as a bitmap over the book (its prefix; its prefix or a sound code), ANDed 64 rows
// at a time in rank order. The rows and their order are those fetch_tier (search_tier.h) gives;
// name_sets_test.cpp compares the two on a generated book.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string_view>
#include <vector>

#include "directory/name_sets.h"
#include "directory/search_query.h"

namespace portier::directory {

// Postings a query may set into bitmaps at most (its words' prefix and sound rows together, less
// those NameSets keeps as bitmaps already): about 0.3 ms.
inline constexpr std::size_t kSetRowBudget = 300'000;

class NameSetsQuery {
public:
   // The query's bitmaps, or nullopt when the sets do not answer it: fewer than two words (one
   // word's matches are dense, and FTS5 finds a page in its first rows), only one-letter words, a
   // word that is not plain ASCII letters and digits (the index's tokenizer would change it), or
   // more rows than kSetRowBudget. A one-letter word gets no prefix bitmap: its letter is tested
   // on the rows the other words allow (NameSets::letters). Thread: any; `sets` is not changed.
   static std::optional<NameSetsQuery> prepare(std::shared_ptr<const NameSets> sets, const SearchQuery &query);

   // Appends to `ranks` the ranks of up to `limit` rows of `tier` (exact, prefix or phonetic)
   // after rank `after`, in the tenant's book when `tenant` is not empty: as fetch_tier. The
   // sound bitmaps are made on the first phonetic fetch (most searches fill a page before it).
   void fetch(MatchTier tier, std::int64_t after, std::size_t limit, std::string_view tenant,
              std::vector<std::int64_t> &ranks);

private:
   using Bits = std::vector<std::uint64_t>;
   struct Word {
      Bits whole;   // rows holding the word as a whole term, unless NameSets keeps them (common)
      const std::uint64_t *whole_bits = nullptr;   // `whole`, or the common bitmap
      Bits prefix;  // rows with a term starting with it, unless NameSets keeps them (common)
      const std::uint64_t *prefix_bits = nullptr;  // `prefix`, or the common bitmap
      Bits either;  // those, and rows with one of its sound codes; made on demand
      std::vector<std::size_t> sounds;  // its sound codes' places in NameSets::sounds
      std::vector<const Bits *> common_sounds;  // its sound codes that NameSets keeps as bitmaps
      std::uint64_t letter = 0;         // a one-letter word: its letter_bit, and no prefix bitmap
      std::size_t whole_rows = 0;       // rows in `whole`
      const std::uint32_t *whole_first = nullptr;  // those rows, ascending (NameSets::names)
   };
   explicit NameSetsQuery(std::shared_ptr<const NameSets> sets) : sets_(std::move(sets)) {}
   // One word's bitmaps; `rows` counts the rows set so far. nullopt: past kSetRowBudget, or a
   // one-letter word with a sound code.
   static std::optional<Word> word_of(const NameSets &book, const std::string &word, std::size_t &rows);
   void make_either();

   std::shared_ptr<const NameSets> sets_;
   std::vector<Word> words_;
   std::size_t blocks_ = 0;     // 64-bit words of a bitmap over the book's rows
   std::uint64_t letters_ = 0;  // every one-letter word's letter_bit
   bool any_sound_ = false;
   bool either_made_ = false;
};

}  // namespace portier::directory
