// SPDX-License-Identifier: GPL-3.0-or-later
// The name index's words and sound codes held in memory as sorted posting lists, for the
// searches whose words are all common: there FTS5 decodes tens of thousands of postings to
// intersect two sparse sets (about 16 ns each), where setting and ANDing bits costs about one.
// The book in SQLite stays the record; a NameSets is a copy of one state of it, named by the
// book's stamp (book_stamp.h), and a search uses it only while the stamp is unchanged
// (docs/directory.md, "Name sets in memory").
#pragma once

#include <atomic>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "directory/directory_error.h"

namespace portier::directory {

class DirectoryDb;

// Terms in byte order, each with its rows (indexes into NameSets::ranks) ascending.
struct TermPostings {
   std::vector<std::string> terms;
   std::vector<std::uint32_t> start;  // terms.size() + 1 offsets into rows
   std::vector<std::uint32_t> rows;

   // The index of `term`, or terms.size().
   std::size_t find(std::string_view term) const;
   // The terms starting with `prefix`: [first, last).
   std::pair<std::size_t, std::size_t> prefixed(std::string_view prefix) const;
   std::size_t rows_of(std::size_t first, std::size_t last) const { return start[last] - start[first]; }
   // Sets in `bits` (bit i of word i / 64 for row i) the rows of the terms [first, last).
   void set_rows(std::size_t first, std::size_t last, std::vector<std::uint64_t> &bits) const;
};

// Rows of a prefix or sound code from which it is kept as a bitmap too (CommonBits): at a million
// contacts some 70 prefixes and 8 sound codes, 9 MB. A query then copies or ORs 16,000 words
// instead of setting that many rows or more one by one ("inc" is a company word of a sixth of the
// book: 0.4 ms).
inline constexpr std::size_t kCommonSetRows = 16384;

// Bitmaps over the rows (bit i of word i / 64 for row i), each named by its key, keys in byte order.
struct CommonBits {
   std::vector<std::string> keys;
   std::vector<std::vector<std::uint64_t>> bits;

   // The bitmap of `key`, or null.
   const std::vector<std::uint64_t> *find(std::string_view key) const;
};

struct NameSets {
   std::int64_t stamp = 0;              // the book_stamp the copy was read at
   std::vector<std::int64_t> ranks;     // contacts.rank of each row, ascending
   std::vector<std::uint16_t> scope_of;  // each row's index into scopes
   std::vector<std::string> scopes;     // the scope tokens (search_text.h, scope_token)
   // Each row's name terms' first characters, bit letter_bit(c) for 'a'-'z' and '0'-'9': a
   // one-letter word ("anna m") is a tenth of the book or more, too many rows for a bitmap of
   // its own, and is tested row by row on the rows the other words allow.
   std::vector<std::uint64_t> letters;
   TermPostings names;                  // name_index's names column, token by token
   TermPostings sounds;                 // name_index's sounds column
   CommonBits common_prefixes;  // prefixes of 2 to 8 characters whose terms hold kCommonSetRows rows or more
   CommonBits common_terms;     // name terms of kCommonSetRows rows or more ("gmbh", "inc")
   CommonBits common_sounds;    // sound codes of kCommonSetRows rows or more

   std::size_t bytes() const;
};

// The bit of NameSets::letters for a term's first character; 0 for any other character.
inline std::uint64_t letter_bit(char first) {
   if (first >= 'a' && first <= 'z') return std::uint64_t{1} << (first - 'a');
   if (first >= '0' && first <= '9') return std::uint64_t{1} << (26 + (first - '0'));
   return 0;
}

// Reads the book `db` holds now, in one read transaction, through the name index's own
// tokenizer (index_tokens.h) so every term is the one FTS5 holds. At a million contacts this
// takes 1.5-2 s and some 70 MB: a caller that serves searches builds it on another
// connection and thread (kernel/directory_worker.cpp), which may set `stop` to end the read early
// (checked every 4,096 rows; the result is then the error "stopped"). Errors: SQLite's, or a book
// of more than 2^32 - 1 contacts or 65,535 scopes.
// `common_rows`: from how many rows a prefix or sound code is kept as a bitmap (tests lower it).
DirectoryResult<std::shared_ptr<const NameSets>> build_name_sets(DirectoryDb &db,
                                                                 const std::atomic<bool> *stop = nullptr,
                                                                 std::size_t common_rows = kCommonSetRows);

}  // namespace portier::directory
