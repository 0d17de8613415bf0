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

}  // namespace portier::directory
