// SPDX-License-Identifier: GPL-3.0-or-later
// Sound-alike codes for the second search tier: Kölner Phonetik for German names (Meier = Mayer
// = Maier = Meyer, Schmidt = Schmitt) and a Metaphone-style key for English ones (Smith = Smyth,
// Catherine = Kathryn). Both take a folded word (fold.h: lower-case ASCII); a word with other
// characters, or too short to say anything, gets an empty code.
#pragma once

#include <string>
#include <string_view>

namespace portier::directory {

// Digits 0-8 as Kölner Phonetik spells them: "meier" -> "67", "schmidt" -> "862".
std::string cologne_code(std::string_view word);

// Upper-case consonant key, '0' for "th": "smith" -> "SM0", "catherine" -> "K0RN".
std::string english_code(std::string_view word);

// A word's codes as the name index's `sounds` column holds them and the phonetic tier asks for
// them, empty where the code is: "k" and the Cologne digits, "m0" and the English key in lower
// case ("meier" -> "k67", "m0mr"). Each starts with a letter and a digit, so no name word and no
// typed prefix of two letters or more is one of them or a prefix of one: with the English key
// written "m" and letters, "mAN" was the name word "man" to FTS5 and every such code sat in the
// doclists of name queries ("man", "ma"*) that then dropped them by column.
struct SoundTokens {
   std::string cologne;
   std::string english;
};
SoundTokens sound_tokens(std::string_view word);

}  // namespace portier::directory
