// SPDX-License-Identifier: GPL-3.0-or-later
// Folding names into the words search compares: lower case, no diacritics, German and Nordic
// transliterations, so Müller, Mueller and muller find each other. ASCII out for the Latin
// letters; other scripts pass through (SQLite's unicode61 tokenizer folds their case).
#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace portier::directory {

inline constexpr std::size_t kMaxWordBytes = 64;    // longer words are cut
inline constexpr std::size_t kMaxWordsPerText = 64;  // more are dropped

// The words of `text` as a query reads them: "Müller-Lüdenscheidt" -> {"muller", "ludenscheidt"},
// "Ørsted" -> {"orsted"}, "Straße" -> {"strasse"}.
std::vector<std::string> query_words(std::string_view text);

// The words of `text` as the index holds them: each query form, and where the spelling has one,
// the transliterated form too: "Müller" -> {"muller", "mueller"}, "Mueller" -> {"mueller",
// "muller"}, "Ørsted" -> {"orsted", "oersted"}, "Åse" -> {"ase", "aase"}. Order kept, no repeats.
std::vector<std::string> index_words(std::string_view text);

// The query words joined by one space: the sort form of a name part.
std::string folded(std::string_view text);

// The same words for callers that build one text out of many (search_text.cpp, once per imported
// contact): each word is a view, valid during the call only, so none is copied into a vector.
using WordVisit = std::function<void(std::string_view word)>;

// Visits query_words(text) in order.
void visit_query_words(std::string_view text, const WordVisit &visit);

// Visits each word's index forms in index_words' order, but without its de-duplication: a form may
// come twice, so the caller drops repeats (search_text_of does so across all of a contact's fields).
void visit_index_forms(std::string_view text, const WordVisit &visit);

// Appends folded(text) to `out`.
void append_folded(std::string_view text, std::string &out);

// A word of `a`-`z` and `0`-`9` only, not empty: the index's tokenizer keeps it as it is, so its
// FTS5 term and its prefixes are the word's own bytes (other scripts are left to FTS5's reading).
bool is_plain_word(std::string_view word);

}  // namespace portier::directory
