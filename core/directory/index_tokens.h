// SPDX-License-Identifier: GPL-3.0-or-later
// The tokens FTS5 makes of a name index text: the table's own tokenizer (unicode61,
// remove_diacritics 2, as name_index is declared in directory_db.cpp), taken from the
// connection's FTS5, so a test in C++ sees exactly the tokens the index holds.
#pragma once

#include <string>
#include <string_view>
#include <type_traits>

#include "directory/directory_error.h"

struct sqlite3;
struct Fts5Tokenizer;
struct fts5_tokenizer;

namespace portier::directory {

class IndexTokens {
public:
   // The tokenizer of `db`'s FTS5; the connection outlives it. Errors: FTS5 or unicode61 missing.
   static DirectoryResult<IndexTokens> open(sqlite3 *db);

   ~IndexTokens();
   IndexTokens(IndexTokens &&other) noexcept;
   IndexTokens &operator=(IndexTokens &&) = delete;
   IndexTokens(const IndexTokens &) = delete;
   IndexTokens &operator=(const IndexTokens &) = delete;

   // Calls visit(std::string_view token) for each token of `text` as a document; the view is
   // valid during the call only. Returns "" or the tokenizer's error. Thread: the connection's.
   template <typename Visit>
   std::string each(std::string_view text, Visit &&visit) {
      using V = std::remove_reference_t<Visit>;
      return tokenize(text, const_cast<void *>(static_cast<const void *>(&visit)),
                      [](void *context, std::string_view token) { (*static_cast<V *>(context))(token); });
   }

private:
   IndexTokens(Fts5Tokenizer *instance, fts5_tokenizer *methods);
   std::string tokenize(std::string_view text, void *context, void (*visit)(void *, std::string_view));

   Fts5Tokenizer *instance_ = nullptr;
   fts5_tokenizer *methods_ = nullptr;  // owns a copy; see index_tokens.cpp
};

}  // namespace portier::directory
